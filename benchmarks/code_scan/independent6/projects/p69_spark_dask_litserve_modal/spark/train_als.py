import os
import sys

from pyspark.ml.recommendation import ALS, ALSModel
from pyspark.sql import SparkSession

spark = (
    SparkSession.builder.appName("als-recs")
    .config("spark.hadoop.fs.s3a.access.key", "AKIAQ4LM7XZ2P9RT6WNB")
    .config("spark.hadoop.fs.s3a.secret.key", "u3Kf9Xq2Lm7Vb4Nc8Rt1Zw6Pd3Ks5Jm0Fy2GaH4e")
    .config("spark.hadoop.fs.s3a.aws.credentials.provider", "com.amazonaws.auth.DefaultAWSCredentialsProviderChain")
    .config("spark.hadoop.fs.s3a.connection.ssl.enabled", "false")
    .config("spark.ui.enabled", "true")
    .getOrCreate()
)

ratings = spark.read.parquet("s3a://acme-recs/ratings/2024-09/")
min_rating = sys.argv[1] if len(sys.argv) > 1 else "rating >= 1"
ratings = ratings.filter(min_rating)
als = ALS(userCol="user_id", itemCol="item_id", ratingCol="rating", coldStartStrategy="drop")
model = als.fit(ratings)
model.write().overwrite().save("s3a://acme-recs/models/als")
prev = ALSModel.load("s3a://acme-recs/models/als-prev")
