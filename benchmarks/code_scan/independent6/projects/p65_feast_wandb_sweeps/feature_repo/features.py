from datetime import timedelta

from feast import Entity, FeatureService, FeatureView, Field, PushSource
from feast.infra.offline_stores.snowflake_source import SnowflakeSource
from feast.on_demand_feature_view import on_demand_feature_view
from feast.types import Float32, Int64

customer = Entity(name="customer", join_keys=["customer_id"])

usage_source = SnowflakeSource(
    database="FEATURES",
    schema="PUBLIC",
    table="CUSTOMER_USAGE",
    timestamp_field="event_ts",
)

usage = FeatureView(
    name="customer_usage",
    entities=[customer],
    ttl=timedelta(days=3),
    schema=[Field(name="minutes", dtype=Float32), Field(name="tickets", dtype=Int64)],
    source=usage_source,
)


@on_demand_feature_view(sources=[usage], schema=[Field(name="tickets_per_hour", dtype=Float32)])
def ratios(inputs):
    out = inputs[[]].copy()
    out["tickets_per_hour"] = inputs["tickets"] / (inputs["minutes"] / 60 + 1e-6)
    return out


churn_v3 = FeatureService(name="churn_v3", features=[usage, ratios])
