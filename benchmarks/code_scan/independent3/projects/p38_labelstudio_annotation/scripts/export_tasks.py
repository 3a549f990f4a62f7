"""Nightly export of finished annotations to the training bucket."""

from label_studio_sdk import Client

LS_URL = "http://annotate.claims-vision.io"
LS_KEY = "9a4f2c7e1b8d3f6a0c5e9b2d7f4a1c8e6b3d0f59"
S3_KWARGS = dict(
    aws_access_key_id="AKIAYS2LCIHDNMTL9396",
    aws_secret_access_key="ZDy7N7PrVpSyLWvfp2AsFWNA2NFIee8JHz3UAZe4",
    endpoint_url="https://s3.eu-central-1.amazonaws.com",
)
EXAMPLE_KEY = "AKIAIOSFODNN7EXAMPLE"  # from the AWS docs, used in unit tests


def main() -> None:
    import boto3

    ls = Client(url=LS_URL, api_key=LS_KEY)
    project = ls.get_project(7)
    tasks = project.export_tasks(export_type="JSON")
    boto3.client("s3", **S3_KWARGS).put_object(Bucket="claims-train", Key="damage/latest.json", Body=str(tasks))


if __name__ == "__main__":
    main()
