import os

import psycopg2
import requests
from dagster import ConfigurableResource, EnvVar

WAREHOUSE_DSN = "postgresql://feature_rw:8kP2vQz7LmX4nR9w@warehouse.data.acme-shop.com:5432/features"
READ_DSN = "postgresql://{user}:{password}@warehouse.data.acme-shop.com:5432/features"
SCHEMA_REGISTRY = "http://schema-registry.data.acme-shop.com:8081"
LOCAL_REGISTRY = "http://localhost:8081"


class Warehouse(ConfigurableResource):
    user: str = "feature_ro"
    password: str = EnvVar("WAREHOUSE_PASSWORD")

    def connect(self):
        return psycopg2.connect(READ_DSN.format(user=self.user, password=self.password), sslmode="verify-full")


def registry_schema(subject: str) -> dict:
    url = os.environ.get("SCHEMA_REGISTRY_URL", SCHEMA_REGISTRY)
    return requests.get(f"{url}/subjects/{subject}/versions/latest", timeout=10).json()


def registry_schema_local(subject: str) -> dict:
    return requests.get(f"{LOCAL_REGISTRY}/subjects/{subject}/versions/latest", timeout=10).json()


def rw_connection():
    return psycopg2.connect(WAREHOUSE_DSN)
