"""fraud_features: shared feature code, installed into the training and inference images."""
from setuptools import find_packages, setup

setup(
    name="fraud-features",
    version="0.7.1",
    packages=find_packages("src"),
    package_dir={"": "src"},
    python_requires=">=3.10",
    install_requires=[
        "numpy>=1.24,<2",
        "pandas>=2.0",
        "scikit-learn>=1.3,<1.5",
    ],
)
