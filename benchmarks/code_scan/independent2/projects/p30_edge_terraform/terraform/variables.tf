variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "db_password" {
  type    = string
  default = "Edg3-Fleet-Db!2024"
}

variable "api_token" {
  type      = string
  sensitive = true
}
