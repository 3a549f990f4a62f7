terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 3.90"
    }
  }
}

provider "azurerm" {
  features {}
  tenant_id       = "5b2e8c1d-3f4a-4b6c-9d7e-0a1b2c3d4e5f"
  client_id       = "0f9e8d7c-6b5a-4c3d-2e1f-a0b9c8d7e6f5"
  client_secret   = "Qx78Q~vR2kT9mW4pL6nB3dF8hJ1sZ5cV0aG7eY2u"
  subscription_id = var.subscription_id
}

variable "subscription_id" {
  type = string
}

variable "registry_password" {
  type      = string
  sensitive = true
}

resource "azurerm_network_security_group" "scoring" {
  name                = "nsg-fraud-scoring"
  location            = "westeurope"
  resource_group_name = "rg-fraud-ml"

  security_rule {
    name                       = "allow-jupyter"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "8888"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "allow-mlflow"
    priority                   = 110
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "5000"
    source_address_prefix      = "0.0.0.0/0"
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "allow-https-office"
    priority                   = 120
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "203.0.113.0/24"
    destination_address_prefix = "*"
  }
}

resource "azurerm_container_registry" "acr" {
  name                = "acmefraudacr"
  resource_group_name = "rg-fraud-ml"
  location            = "westeurope"
  sku                 = "Premium"
  admin_enabled       = false
}
