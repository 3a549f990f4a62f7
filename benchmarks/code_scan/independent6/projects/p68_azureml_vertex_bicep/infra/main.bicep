param location string = resourceGroup().location
@secure()
param sqlAdminPassword string
param storageKey string = 'k9Xq2Lm7Vb4Nc8Rt1Zw6Pd3Ks5Jm0Fy2GaH4uE7iO1pQ3sT6vW9yB2nC5xZ8aD0fG3hJ6kL9mN2bV5cX8zAQ3r=='

resource ws 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw-claims'
  location: location
  identity: { type: 'SystemAssigned' }
  properties: {
    publicNetworkAccess: 'Enabled'
    storageAccount: sa.id
  }
}

resource sa 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stclaimsml'
  location: location
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
  properties: {
    supportsHttpsTrafficOnly: false
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
  }
}

resource compute 'Microsoft.MachineLearningServices/workspaces/computes@2024-04-01' = {
  parent: ws
  name: 'ci-dev'
  location: location
  properties: {
    computeType: 'ComputeInstance'
    properties: {
      vmSize: 'Standard_DS3_v2'
      enableNodePublicIp: true
      sshSettings: { sshPublicAccess: 'Enabled', adminPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHq2Lm7Vb4Nc8Rt1Zw6Pd3Ks5Jm0Fy2GaH4uE7iO1pQ ml@acme' }
    }
  }
}

resource aci 'Microsoft.ContainerInstance/containerGroups@2023-05-01' = {
  name: 'mlflow-ui'
  location: location
  properties: {
    osType: 'Linux'
    ipAddress: { type: 'Public', ports: [ { port: 5000, protocol: 'TCP' } ] }
    containers: [
      {
        name: 'mlflow'
        properties: {
          image: 'ghcr.io/mlflow/mlflow:v2.15.1'
          command: [ 'mlflow', 'server', '--host', '0.0.0.0', '--port', '5000', '--backend-store-uri', 'postgresql://mlflow:${sqlAdminPassword}@pg-claims.postgres.database.azure.com/mlflow' ]
          resources: { requests: { cpu: 1, memoryInGB: 2 } }
        }
      }
    ]
  }
}
