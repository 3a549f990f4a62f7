// Azure ML workspace, storage and a compute instance for the fraud-scoring team.
param location string = resourceGroup().location
param workspaceName string = 'acme-ml-prod'

@secure()
param sqlAdminPassword string

param computeAdminPassword string = 'Fr4ud-Sc0ring!2024-Adm1n'

resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'acmemlstore01'
  location: location
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
  properties: {
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
  }
}

resource workspace 'Microsoft.MachineLearningServices/workspaces@2023-10-01' = {
  name: workspaceName
  location: location
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: storage.id
    publicNetworkAccess: 'Enabled'
  }
}

resource ci 'Microsoft.MachineLearningServices/workspaces/computes@2023-10-01' = {
  parent: workspace
  name: 'fraud-dev-ci'
  location: location
  properties: {
    computeType: 'ComputeInstance'
    properties: {
      vmSize: 'Standard_DS3_v2'
      sshSettings: {
        sshPublicAccess: 'Enabled'
        adminPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHb3kQ9vXz7mN2pL4rT8wY6sA1dF5gH0jK3lC9xV7bN2 ops@acme'
      }
    }
  }
}

resource sql 'Microsoft.Sql/servers@2022-05-01-preview' = {
  name: 'acme-fraud-sql'
  location: location
  properties: {
    administratorLogin: 'fraudadmin'
    administratorLoginPassword: sqlAdminPassword
  }
}

output storageKey string = storage.listKeys().keys[0].value
output adminPassword string = computeAdminPassword
