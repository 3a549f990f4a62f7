"""Azure Bicep and ARM templates: literal defaults of secret parameters, secrets handed out
as plain outputs; secure parameters without a default and their uses stay silent."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import findings_of, scan, write
from tests.unit.code import tokens as T

PASSWORD = "Q" + T.rand(10) + "!7"

MAIN = f"""\
param location string = resourceGroup().location
param workspaceName string = 'acme-ml-prod'

@secure()
param sqlAdminPassword string

param computeAdminPassword string = '{PASSWORD}'
@secure()
param vmAdminPassword string = '{PASSWORD}'
param adminPasswordPlaceholder string = 'changeme'
param apiKeyName string = 'primary'
param sshPublicKey string = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHb3kQ9vXz7mN2pL4rT8wY6sA1dF ops'

resource sql 'Microsoft.Sql/servers@2022-05-01-preview' = {{
  name: 'acme-fraud-sql'
  location: location
  properties: {{
    administratorLogin: 'fraudadmin'
    administratorLoginPassword: sqlAdminPassword
  }}
}}

output storageKey string = storage.listKeys().keys[0].value
output adminPassword string = computeAdminPassword
@secure()
output sqlPassword string = sqlAdminPassword
output workspaceId string = workspace.id
output sqlPasswordSecretName string = 'sql-admin-password'
"""


def _line(text: str, needle: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), 1) if needle in ln)


def test_bicep_literal_defaults_and_plain_outputs(tmp_path: Path) -> None:
    write(tmp_path, "infra/main.bicep", MAIN)
    found = findings_of(scan(tmp_path), "CD208")
    lines = sorted(f.location.line for f in found)
    assert lines == [
        _line(MAIN, "param computeAdminPassword"),
        _line(MAIN, "param vmAdminPassword"),
        _line(MAIN, "output storageKey"),
        _line(MAIN, "output adminPassword"),
    ]
    assert all(PASSWORD not in f.evidence + f.message for f in found)
    by_line = {f.location.line: f for f in found}
    assert "listKeys" in by_line[_line(MAIN, "output storageKey")].evidence
    assert "@secure()" in by_line[_line(MAIN, "output adminPassword")].message


def test_a_secure_parameter_used_as_a_value_is_not_a_secret(tmp_path: Path) -> None:
    write(
        tmp_path,
        "main.bicep",
        "@secure()\nparam dbPassword string\n"
        "resource s 'x@1' = {\n  properties: {\n    administratorLoginPassword: dbPassword\n"
        "    adminPassword: dbPassword\n  }\n}\n",
    )
    assert findings_of(scan(tmp_path), "CD208") == []


def test_quoted_literal_in_a_bicep_property_is_still_found(tmp_path: Path) -> None:
    write(
        tmp_path,
        "main.bicep",
        f"resource s 'x@1' = {{\n  administratorLoginPassword: '{PASSWORD}'\n}}\n",
    )
    assert [f.location.line for f in findings_of(scan(tmp_path), "CD208")] == [2]


def test_arm_template_defaults_and_outputs(tmp_path: Path) -> None:
    doc = {
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "parameters": {
            "adminPassword": {"type": "string", "defaultValue": PASSWORD},
            "dbPassword": {"type": "securestring"},
            "apiKeyName": {"type": "string", "defaultValue": "primary"},
        },
        "resources": [],
        "outputs": {
            "pw": {"type": "string", "value": "[parameters('dbPassword')]"},
            "safePw": {"type": "securestring", "value": "[parameters('dbPassword')]"},
            "endpoint": {"type": "string", "value": "[reference('x').primaryEndpoints.blob]"},
        },
    }
    text = json.dumps(doc, indent=2)
    write(tmp_path, "azuredeploy.json", text)
    write(tmp_path, "data/other.json", json.dumps({"adminPassword": {"defaultValue": "x"}}))
    found = findings_of(scan(tmp_path), "CD208")
    assert sorted((f.location.path, f.location.line) for f in found) == [
        ("azuredeploy.json", _line(text, '"adminPassword"')),
        ("azuredeploy.json", _line(text, '"pw"')),
    ]
    assert all(PASSWORD not in f.evidence + f.message for f in found)


def test_bad_templates_give_no_traceback(tmp_path: Path) -> None:
    write(tmp_path, "broken.json", '{"$schema": "deploymentTemplate.json", "parameters": [')
    write(tmp_path, "list.json", '["deploymentTemplate.json"]')
    write(tmp_path, "odd.bicep", "param\noutput x\n@secure(\nparam p string = '\n" + "x" * 9000)
    a = scan(tmp_path)
    assert findings_of(a, "CD208") == []
