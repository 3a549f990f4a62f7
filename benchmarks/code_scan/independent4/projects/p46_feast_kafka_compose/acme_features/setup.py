from setuptools import find_packages, setup

setup(
    name="acme-features",
    version="1.3.0",
    packages=find_packages(),
    install_requires=[
        "feast>=0.36,<0.41",
        "pandas>=2.0",
        "pyarrow>=14",
    ],
)
