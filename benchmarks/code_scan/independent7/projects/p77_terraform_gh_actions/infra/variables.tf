variable "vpc_id" {
  type = string
}

variable "ami_id" {
  type    = string
  default = "ami-0c7217cdde317cfec"
}

variable "research_cidr" {
  type    = string
  default = "10.60.0.0/16"
}

variable "db_password" {
  type      = string
  sensitive = true
  default   = "Hx4mQ9tZr2Lw7KpC"
}

variable "wandb_api_key" {
  type      = string
  sensitive = true
}
