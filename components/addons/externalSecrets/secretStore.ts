// The ClusterSecretStore (pure): AWS Secrets Manager in the stack's region, read with the
// controller's own credentials (its service account's role). With no `auth` block the AWS provider uses the
// controller pod's identity (external-secrets/external-secrets@helm-chart-2.9.0
// docs/provider/aws-access.md:3-27); `region` and `service` are the provider's required
// fields (crds/external-secrets.io_clustersecretstores.yaml:643-646). Namespaces may
// reference it only where apps read secrets.

export const SECRET_STORE_NAME = "aws-secrets-manager";

export function clusterSecretStore(region: unknown, namespaces: readonly string[], labels: Record<string, string>): Record<string, unknown> {
    return {
        apiVersion: "external-secrets.io/v1",
        kind: "ClusterSecretStore",
        metadata: { name: SECRET_STORE_NAME, labels },
        spec: {
            provider: { aws: { service: "SecretsManager", region } },
            // Only ExternalSecrets in these namespaces may use the store.
            conditions: [{ namespaces: [...namespaces] }],
        },
    };
}
