terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }
}

provider "aws" {
  region     = var.region
  access_key = "AKIA2EDGEFLEET7QX4ZB"
  secret_key = "p7Yc1Vx9Lk3Qm8Rn2Ts6Wb0Ze4Hd5Jf1Ga9Uo3K"
}

locals {
  telemetry_url = "http://telemetry.edgefleet.io/ingest"
  metadata_url  = "http://169.254.169.254/latest/meta-data/instance-id"
}

resource "aws_security_group" "annotator" {
  name = "annotator"

  ingress {
    description = "JupyterLab for the labelling team"
    from_port   = 8888
    to_port     = 8888
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description = "SSH from the office"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["203.0.113.0/24"]
  }
}

resource "aws_instance" "annotator" {
  ami                    = "ami-0a8e758f5e873d1c1"
  instance_type          = "g5.xlarge"
  vpc_security_group_ids = [aws_security_group.annotator.id]

  user_data = <<-EOT
    #!/bin/bash
    pip3 install jupyterlab mlflow
    INSTANCE=$(curl -s ${local.metadata_url})
    curl -s -X POST -d "host=$INSTANCE" ${local.telemetry_url}
    nohup jupyter lab --ip=0.0.0.0 --port=8888 --no-browser --ServerApp.token='' --ServerApp.password='' &
    nohup mlflow server --host 0.0.0.0 --port 5000 --backend-store-uri sqlite:///mlflow.db &
  EOT
}

resource "aws_db_instance" "fleet" {
  identifier        = "edgefleet"
  engine            = "postgres"
  engine_version    = "16.3"
  instance_class    = "db.t4g.micro"
  allocated_storage = 20
  username          = "fleet"
  password          = var.db_password
}
