"""Firewall rules that open an ML server's port to any source, in the network rules of
AWS, Azure (inline ``security_rule`` blocks and separate rules), Google and OCI; reported at
the line that lets any source in. Office ranges, denies, egress and other ports stay quiet.

Also the rule lists of the terraform-aws-modules security-group module
(``ingress_with_cidr_blocks``). Known false negatives: sources or ports given through
variables or locals (``cidr_blocks = var.allowed``), dynamic blocks, named module rules
(``ingress_rules = ["http-80-tcp"]``).
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import findings_of, scan, write

NSG = """\
resource "azurerm_network_security_group" "scoring" {
  name = "nsg"

  security_rule {
    name                       = "allow-jupyter"
    direction                  = "Inbound"
    access                     = "Allow"
    destination_port_range     = "8888"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "allow-mlflow"
    direction                  = "Inbound"
    access                     = "Allow"
    destination_port_range     = "5000"
    source_address_prefix      = "Internet"
  }

  security_rule {
    name                       = "deny-ray"
    direction                  = "Inbound"
    access                     = "Deny"
    destination_port_range     = "8265"
    source_address_prefix      = "*"
  }

  security_rule {
    name                       = "office-tensorboard"
    direction                  = "Inbound"
    access                     = "Allow"
    destination_port_range     = "6006"
    source_address_prefix      = "203.0.113.0/24"
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "https"
    direction                  = "Inbound"
    access                     = "Allow"
    destination_port_range     = "443"
    source_address_prefix      = "*"
  }

  security_rule {
    name                       = "out"
    direction                  = "Outbound"
    access                     = "Allow"
    destination_port_range     = "7860"
    source_address_prefix      = "*"
  }
}

resource "azurerm_network_security_rule" "ray" {
  direction                   = "Inbound"
  access                      = "Allow"
  destination_port_ranges     = ["8265", "10001"]
  source_address_prefixes     = ["0.0.0.0/0"]
}

resource "google_compute_firewall" "gradio" {
  allow {
    protocol = "tcp"
    ports    = ["7000-8000"]
  }
  source_ranges = ["0.0.0.0/0"]
}

resource "aws_vpc_security_group_ingress_rule" "streamlit" {
  cidr_ipv4   = "0.0.0.0/0"
  from_port   = 8501
  to_port     = 8501
}

resource "aws_security_group_rule" "egress" {
  type        = "egress"
  from_port   = 0
  to_port     = 65535
  cidr_blocks = ["0.0.0.0/0"]
}
"""


def test_ingress_at_the_source_line(tmp_path: Path) -> None:
    write(tmp_path, "infra/network.tf", NSG)
    lines = NSG.splitlines()
    found = [
        (lines[f.location.line - 1].strip().split("=")[0].strip(), f.evidence)
        for f in findings_of(scan(tmp_path), "CF132")
    ]
    assert found == [
        ("source_address_prefix", 'source_address_prefix      = "*" -> [8888]'),
        ("source_address_prefix", 'source_address_prefix      = "Internet" -> [5000]'),
        ("source_address_prefixes", 'source_address_prefixes     = ["0.0.0.0/0"] -> [8265, 10001]'),
        ("source_ranges", 'source_ranges = ["0.0.0.0/0"] -> [7860]'),
        ("cidr_ipv4", 'cidr_ipv4   = "0.0.0.0/0" -> [8501]'),
    ]


MODULE = """\
module "lab_sg" {
  source = "terraform-aws-modules/security-group/aws"
  ingress_with_cidr_blocks = [
    {
      from_port   = 8888
      to_port     = 8888
      protocol    = "tcp"
      cidr_blocks = "0.0.0.0/0"
    },
    { from_port = 22, to_port = 22, protocol = "tcp", cidr_blocks = "0.0.0.0/0" },
    { from_port = 5000, to_port = 5000, protocol = "tcp", cidr_blocks = "10.0.0.0/8" },
    { from_port = 8265, to_port = 8265, protocol = "tcp", cidr_blocks = "0.0.0.0/0" },
  ]
}
"""


def test_module_rule_lists(tmp_path: Path) -> None:
    write(tmp_path, "infra/sg.tf", MODULE)
    found = [(f.location.line, f.evidence) for f in findings_of(scan(tmp_path), "CF132")]
    assert found == [
        (8, 'cidr_blocks = "0.0.0.0/0" -> [8888]'),
        (12, 'cidr_blocks = "0.0.0.0/0" -> [8265]'),
    ]
