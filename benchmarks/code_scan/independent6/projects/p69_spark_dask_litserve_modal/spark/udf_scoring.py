import base64
import pickle

import pandas as pd
from pyspark.sql import SparkSession
from pyspark.sql.functions import pandas_udf

spark = SparkSession.builder.getOrCreate()
blob = spark.read.text("s3a://acme-recs/models/reranker.b64").first()[0]
reranker = pickle.loads(base64.b64decode(blob))


@pandas_udf("double")
def score(features: pd.Series) -> pd.Series:
    return pd.Series(reranker.predict(list(features)))


rules = spark.read.json("s3a://acme-recs/rules/").collect()
for r in rules:
    exec(r["python"])
