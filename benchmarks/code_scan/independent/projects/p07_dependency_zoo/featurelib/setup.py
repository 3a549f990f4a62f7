from setuptools import find_packages, setup

setup(
    name="featurelib-legacy",
    version="1.9.3",
    packages=find_packages(),
    install_requires=[
        "numpy>=1.21",
        "scipy>=1.7",
        "requests>=2.31",
    ],
    python_requires=">=3.8",
)
