import os

from confluent_kafka import Producer

CONF = {
    "bootstrap.servers": "pkc-41wq6.eu-west-1.aws.confluent.cloud:9092",
    "security.protocol": "SASL_SSL",
    "sasl.mechanisms": "PLAIN",
    "sasl.username": "QK7XJ2MRT5WBN3PL",
    "sasl.password": os.environ["CONFLUENT_SECRET"],
    "enable.ssl.certificate.verification": False,
}

BACKUP_CONF = {
    "bootstrap.servers": "kafka:9092",
    "security.protocol": "PLAINTEXT",
}

SCHEMA_REGISTRY = {
    "url": "http://schema-registry.acme-mobility.net:8081",
    "basic.auth.user.info": "SR_USER:Sr-9xQ2kV7mL4pT8wN3",
}

producer = Producer(CONF)
backup = Producer(BACKUP_CONF)
