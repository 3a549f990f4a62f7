from datetime import timedelta

from feast import Entity, FeatureView, Field, FileSource
from feast.types import Float32, Int64

customer = Entity(name="customer", join_keys=["customer_id"])

activity_source = FileSource(
    path="s3://churn-exports/daily/activity.parquet",
    timestamp_field="event_timestamp",
)

customer_activity = FeatureView(
    name="customer_activity",
    entities=[customer],
    ttl=timedelta(days=30),
    schema=[Field(name="sessions_7d", dtype=Int64), Field(name="spend_30d", dtype=Float32)],
    source=activity_source,
)
