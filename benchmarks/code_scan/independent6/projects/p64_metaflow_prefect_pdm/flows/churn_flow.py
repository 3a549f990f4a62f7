import os
import pickle
import subprocess

from metaflow import FlowSpec, Parameter, card, kubernetes, pypi, retry, step


class ChurnFlow(FlowSpec):
    feature_sql = Parameter("feature-sql", default="SELECT * FROM features.churn_v3")
    transform = Parameter("transform", default="lambda df: df")
    snapshot = Parameter("snapshot", default="s3://acme-mf/churn/snapshot.pkl")

    @pypi(packages={"pandas": "2.2.2", "scikit-learn": "1.5.1"})
    @step
    def start(self):
        import pandas as pd
        from metaflow import S3

        with S3() as s3:
            blob = s3.get(self.snapshot).blob
        self.frame = pickle.loads(blob)
        fn = eval(self.transform)
        self.frame = fn(self.frame)
        self.next(self.train)

    @kubernetes(cpu=4, memory=16000, image="registry.acme-ml.example.com/churn-train:latest")
    @retry(times=2)
    @step
    def train(self):
        from sklearn.ensemble import GradientBoostingClassifier

        self.model = GradientBoostingClassifier().fit(self.frame.drop(columns="y"), self.frame["y"])
        self.next(self.publish)

    @card
    @step
    def publish(self):
        subprocess.run(["aws", "s3", "cp", "model.pkl", "s3://acme-mf/churn/"], check=True)
        subprocess.run("mlflow models serve -m runs:/%s/model -h 0.0.0.0 -p 5001 &" % self.run_id, shell=True)
        self.next(self.end)

    @step
    def end(self):
        with open("model.pkl", "wb") as fh:
            pickle.dump(self.model, fh)


if __name__ == "__main__":
    ChurnFlow()
