from datetime import timedelta

from feast import Entity, FeatureView, Field, KafkaSource, PushSource
from feast.data_format import JsonFormat
from feast.types import Float32, Int64

driver = Entity(name="driver", join_keys=["driver_id"])

trips_stream = KafkaSource(
    name="driver_trips_stream",
    kafka_bootstrap_servers="kafka:9092",
    topic="driver_trips",
    timestamp_field="event_ts",
    message_format=JsonFormat(schema_json="driver_id integer, trips_today integer, event_ts timestamp"),
    batch_source=PushSource(name="driver_trips_push", batch_source=None),
)

driver_trips = FeatureView(
    name="driver_trips",
    entities=[driver],
    ttl=timedelta(hours=2),
    schema=[Field(name="trips_today", dtype=Int64), Field(name="acc_rate", dtype=Float32)],
    source=trips_stream,
)
