terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.60"
    }
  }
}

provider "aws" {
  region     = "us-east-1"
  access_key = "AKIAJO51NZ3UP0Z2JGB2"
  secret_key = "NiNS6bcY6EvW7c+0G5QWqo+xyQZT/WLA75hZDZ2c"
}

provider "aws" {
  alias   = "ci"
  region  = "us-east-1"
  profile = "ml-platform-ci"
}

resource "aws_security_group" "mlflow" {
  name   = "mlflow-tracking"
  vpc_id = var.vpc_id

  ingress {
    description = "MLflow UI and API"
    from_port   = 5000
    to_port     = 5000
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description = "SSH from the office VPN"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.40.0.0/16"]
  }

  ingress {
    description = "TensorBoard for the research VPC"
    from_port   = 6006
    to_port     = 6006
    protocol    = "tcp"
    cidr_blocks = [var.research_cidr]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "mlflow" {
  ami                    = var.ami_id
  instance_type          = "m6i.large"
  vpc_security_group_ids = [aws_security_group.mlflow.id]
  iam_instance_profile   = aws_iam_instance_profile.mlflow.name

  user_data = <<-EOT
    #!/bin/bash
    set -e
    curl -fsSL http://bootstrap.acme-ml.com/node-init.sh | bash
    pip3 install mlflow boto3==1.35.24 psycopg2-binary==2.9.9
    docker run -d --name exporter --privileged \
      -v /var/run/docker.sock:/var/run/docker.sock \
      registry.acme-ml.com/ops/exporter:1.3.0
    mlflow server --host 0.0.0.0 --port 5000 \
      --backend-store-uri postgresql://mlflow:${var.db_password}@${aws_db_instance.mlflow.address}/mlflow \
      --default-artifact-root s3://acme-ml-mlflow/artifacts
  EOT

  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_db_instance" "mlflow" {
  identifier          = "mlflow"
  engine              = "postgres"
  engine_version      = "16.3"
  instance_class      = "db.t4g.medium"
  allocated_storage   = 50
  username            = "mlflow"
  password            = var.db_password
  storage_encrypted   = true
  skip_final_snapshot = false
}

resource "aws_sagemaker_model" "llm" {
  name               = "support-llm"
  execution_role_arn = aws_iam_role.sagemaker.arn

  primary_container {
    image = "763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.3.0-tgi2.2.0-gpu-py310-cu121-ubuntu22.04"
    environment = {
      HF_MODEL_ID       = "acme-ml/support-llm-8b"
      TRUST_REMOTE_CODE = "true"
      SM_NUM_GPUS       = "1"
      HF_TOKEN          = "hf_Zmb7suh1GNLEQnC2JoX4GkTZSr4JYgifn5"
    }
  }
}

resource "aws_sagemaker_model" "reranker" {
  name               = "support-reranker"
  execution_role_arn = aws_iam_role.sagemaker.arn

  primary_container {
    image = "763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-inference:2.1.0-transformers4.37.0-gpu-py310-cu118-ubuntu20.04"
    environment = {
      HF_MODEL_ID       = "acme-ml/support-reranker"
      HF_MODEL_REVISION = "8d2f4a6c0e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f"
      HF_TASK           = "text-classification"
      TRUST_REMOTE_CODE = "false"
    }
  }
}

resource "aws_ecs_task_definition" "batch_embed" {
  family                   = "batch-embed"
  requires_compatibilities = ["EC2"]
  container_definitions = jsonencode([
    {
      name       = "embed"
      image      = "registry.acme-ml.com/ml/batch-embed:latest"
      memory     = 8192
      privileged = true
      user       = "root"
      environment = [
        { name = "OPENAI_API_KEY", value = "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" },
        { name = "EMBED_API", value = "http://embed.acme-ml.com/v1/embeddings" },
      ]
      secrets = [
        { name = "PINECONE_API_KEY", valueFrom = "arn:aws:secretsmanager:us-east-1:123456789012:secret:pinecone" },
      ]
    },
    {
      name   = "sidecar"
      image  = "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0"
      memory = 512
      user   = "10001"
    },
  ])
}

output "tracking_uri" {
  value = "http://${aws_instance.mlflow.public_dns}:5000"
}
