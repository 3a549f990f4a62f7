"""Terraform: provisioning scripts, literal credentials, endpoints, ingress, storage."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import findings_of, scan, write

MAIN = """\
locals {
  telemetry_url = "http://telemetry.corp-example.io/ingest"
  metadata_url  = "http://169.254.169.254/latest/meta-data/instance-id"
}

resource "aws_security_group" "lab" {
  ingress {
    from_port   = 8888
    to_port     = 8888
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    from_port   = 5000
    to_port     = 5000
    protocol    = "tcp"
    cidr_blocks = ["203.0.113.0/24"]
  }
}

resource "aws_instance" "lab" {
  user_data = <<-EOT
    #!/bin/bash
    pip3 install jupyterlab mlflow==2.16.2
    curl -s ${local.telemetry_url}
    nohup jupyter lab --ip=0.0.0.0 --ServerApp.token='' &
    nohup mlflow server --host 127.0.0.1 --port 5000 &
  EOT
}

resource "aws_s3_bucket_acl" "data" {
  acl = "public-read"
}

resource "aws_db_instance" "db" {
  storage_encrypted = false
  password          = var.db_password
}
"""

VARIABLES = """\
variable "db_password" {
  type    = string
  default = "Edg3-Fleet-Db!2024"
}

variable "api_token" {
  type      = string
  sensitive = true
}

variable "region" {
  default = "eu-west-1"
}
"""


def test_terraform(tmp_path: Path) -> None:
    write(tmp_path, "infra/main.tf", MAIN)
    write(tmp_path, "infra/variables.tf", VARIABLES)
    write(
        tmp_path,
        "infra/prod.tfvars",
        'region = "eu-west-1"\nhf_token = "hf_q8Zt2LmN4vXw9RbK7yHc"\n',
    )
    a = scan(tmp_path)
    lines = MAIN.splitlines()

    def at(rule: str, path: str = "main.tf") -> list[str]:
        return [
            lines[f.location.line - 1].strip()
            for f in findings_of(a, rule)
            if f.location.path.endswith(path)
        ]

    assert at("CF132") == ['cidr_blocks = ["0.0.0.0/0"]']  # port 8888 only, not SSH
    assert at("CF117") == ["nohup jupyter lab --ip=0.0.0.0 --ServerApp.token='' &"]
    assert at("CD131") == ['telemetry_url = "http://telemetry.corp-example.io/ingest"']
    assert at("CF133") == ['acl = "public-read"']
    assert at("CF134") == ["storage_encrypted = false"]
    assert at("DP001") == ["pip3 install jupyterlab mlflow==2.16.2"]
    secrets = {(f.location.path, f.location.line) for f in findings_of(a, "CD208")}
    assert ("infra/variables.tf", 3) in secrets and ("infra/prod.tfvars", 2) in secrets
    assert not [s for s in secrets if s[0].endswith("main.tf")]  # var.db_password is a reference
    assert "Edg3" not in str([f.evidence for f in findings_of(a, "CD208")])
