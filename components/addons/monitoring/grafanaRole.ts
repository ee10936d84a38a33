// What Grafana may read from the Kubernetes API: ConfigMaps of its own namespace (its
// sidecar loads dashboards and data sources from them), nothing else. The Grafana chart's
// own Role would add Secrets (grafana-community/helm-charts grafana-12.11.1
// charts/grafana/templates/role.yaml:17-20) and its default ClusterRole reaches every
// namespace; with rbac.useExistingRole its RoleBinding binds this Role instead
// (templates/rolebinding.yaml:15-21).
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

export const GRAFANA_ROLE = "grafana-configmap-reader";

export interface GrafanaRoleArgs {
    /** Grafana's namespace: the Role grants reading its ConfigMaps only. */
    namespace: string;
    /** Labels of the Role. */
    labels: Record<string, string>;
    /** The cluster's Kubernetes provider. */
    provider: k8s.Provider;
    /** What the Role waits for (its namespace). */
    dependsOn: pulumi.Input<pulumi.Resource>[];
}

export function grafanaRole(name: string, args: GrafanaRoleArgs, opts: { parent: pulumi.Resource }): k8s.rbac.v1.Role {
    return new k8s.rbac.v1.Role(
        name,
        {
            metadata: { name: GRAFANA_ROLE, namespace: args.namespace, labels: args.labels },
            rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "watch", "list"] }],
        },
        { ...opts, provider: args.provider, dependsOn: args.dependsOn },
    );
}
