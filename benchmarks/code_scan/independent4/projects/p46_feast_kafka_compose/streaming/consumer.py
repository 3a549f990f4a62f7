"""Consume ride events and push aggregates into the online store."""

import json
import os
import pickle

from feast import FeatureStore
from kafka import KafkaConsumer

BROKERS_EXTERNAL = "broker-1.acme-mobility.net:9092,broker-2.acme-mobility.net:9092"
BROKERS_LOCAL = "kafka:9092"
SASL_PASSWORD = "kF7q2Vx9Lm4Rt8Wn3Bd6Hj1Yc5Gs0Ea"

store = FeatureStore(repo_path="feature_repo")

partner_feed = KafkaConsumer(
    "partner_rides",
    bootstrap_servers=BROKERS_EXTERNAL,
    security_protocol="SASL_SSL",
    sasl_mechanism="SCRAM-SHA-512",
    sasl_plain_username="acme-rides",
    sasl_plain_password=SASL_PASSWORD,
    ssl_check_hostname=False,
    value_deserializer=lambda v: pickle.loads(v),
)

local_feed = KafkaConsumer(
    "driver_trips",
    bootstrap_servers=BROKERS_LOCAL,
    value_deserializer=lambda v: json.loads(v.decode("utf-8")),
)

audit_feed = KafkaConsumer(
    "driver_audit",
    bootstrap_servers=BROKERS_EXTERNAL,
    security_protocol="SASL_SSL",
    sasl_plain_username="acme-audit",
    sasl_plain_password=os.environ["AUDIT_SASL_PASSWORD"],
    ssl_cafile="/etc/kafka/ca.pem",
)

for msg in partner_feed:
    store.push("driver_trips_push", msg.value)
