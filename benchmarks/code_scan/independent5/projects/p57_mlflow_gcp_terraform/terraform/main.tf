terraform {
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 5.10"
    }
  }
}

provider "google" {
  project     = var.project
  region      = "europe-west4"
  credentials = file("${path.module}/sa-key.json")
}

variable "project" {
  type    = string
  default = "acme-ml-platform"
}

variable "db_password" {
  type      = string
  sensitive = true
}

resource "google_compute_instance" "mlflow" {
  name         = "mlflow-tracking"
  machine_type = "e2-standard-4"
  zone         = "europe-west4-a"
  tags         = ["mlflow"]

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    network = "default"
    access_config {}
  }

  metadata_startup_script = file("${path.module}/startup.sh")

  service_account {
    email  = "mlflow-vm@acme-ml-platform.iam.gserviceaccount.com"
    scopes = ["cloud-platform"]
  }
}

resource "google_compute_firewall" "mlflow_ui" {
  name          = "allow-mlflow-ui"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]
  target_tags   = ["mlflow"]

  allow {
    protocol = "tcp"
    ports    = ["5000"]
  }
}

resource "google_compute_firewall" "mlflow_https" {
  name          = "allow-mlflow-https"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]
  target_tags   = ["mlflow"]

  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
}

resource "google_sql_database_instance" "mlflow" {
  name             = "mlflow-backend"
  database_version = "POSTGRES_15"
  region           = "europe-west4"

  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      ipv4_enabled = false
      private_network = "projects/acme-ml-platform/global/networks/default"
    }
  }
}

resource "google_sql_user" "mlflow" {
  name     = "mlflow"
  instance = google_sql_database_instance.mlflow.name
  password = var.db_password
}

resource "google_sql_user" "readonly" {
  name     = "mlflow_ro"
  instance = google_sql_database_instance.mlflow.name
  password = "R3adOnly-Mlfl0w-2024"
}
