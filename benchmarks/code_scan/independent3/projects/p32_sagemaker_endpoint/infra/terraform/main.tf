terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.60"
    }
  }
}

provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAVZ4UNGTL98SFLMBX"
  secret_key = "mZKNzo6zQ4ZgpImpyzQut8h+JV/eo/r+dG/8SEbm"
}

variable "notebook_password" {
  type      = string
  sensitive = true
}

resource "aws_s3_bucket" "data" {
  bucket = "acme-fraud-data"
}

resource "aws_sagemaker_notebook_instance" "research" {
  name                   = "fraud-research"
  role_arn               = "arn:aws:iam::123456789012:role/fraud-sagemaker-exec"
  instance_type          = "ml.t3.medium"
  direct_internet_access = "Enabled"
  root_access            = "Enabled"
}

resource "aws_ssm_parameter" "audit_db" {
  name  = "/fraud/audit/db-password"
  type  = "SecureString"
  value = var.notebook_password
}
