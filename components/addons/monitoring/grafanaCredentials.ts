// Grafana's admin credentials: the password from secret config, or a generated one
// where the stack sets none. Either way it reaches the cluster only as a Kubernetes
// Secret that the chart references (grafana.admin.existingSecret), never as a Helm value,
// so it stays out of the release's values and history.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

import { GRAFANA_ADMIN_PASSWORD_KEY, GRAFANA_ADMIN_USER_KEY } from "./kubePrometheusStackValues";

export const GRAFANA_ADMIN_SECRET = "grafana-admin-credentials";

export interface GrafanaCredentialsArgs {
    /** The monitoring namespace, where the chart reads the Secret. */
    namespace: string;
    /** Labels of the Secret. */
    labels: Record<string, string>;
    /** Grafana's admin user name (`monitoring.grafana.adminUser`, `admin` by default in the stack config). */
    adminUser: string;
    /** From secret config; undefined generates one. */
    adminPassword?: pulumi.Output<string>;
    /** The cluster's Kubernetes provider. */
    provider: k8s.Provider;
    /** What the Secret waits for (its namespace). */
    dependsOn: pulumi.Input<pulumi.Resource>[];
}

export class GrafanaCredentials extends pulumi.ComponentResource {
    public readonly secretName = GRAFANA_ADMIN_SECRET;
    public readonly secret: k8s.core.v1.Secret;
    public readonly adminUser: string;
    /** Always a Pulumi secret. */
    public readonly adminPassword: pulumi.Output<string>;
    /** True when the stack set no password and one was generated. */
    public readonly generated: boolean;

    constructor(name: string, args: GrafanaCredentialsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:monitoring:GrafanaCredentials", name, {}, opts);
        this.adminUser = args.adminUser;
        this.generated = args.adminPassword === undefined;
        const password =
            args.adminPassword ??
            // Letters and digits only: the password is typed into a browser and pasted into shells.
            new random.RandomPassword(`${name}-admin-password`, { length: 32, special: false }, { parent: this, aliases: [{ name: "grafana-admin-password" }] })
                .result;
        this.adminPassword = pulumi.secret(password);
        this.secret = new k8s.core.v1.Secret(
            `${name}-admin-credentials`,
            {
                metadata: { name: GRAFANA_ADMIN_SECRET, namespace: args.namespace, labels: args.labels },
                type: "Opaque",
                stringData: pulumi.secret({ [GRAFANA_ADMIN_USER_KEY]: args.adminUser, [GRAFANA_ADMIN_PASSWORD_KEY]: password }),
            },
            { parent: this, provider: args.provider, dependsOn: args.dependsOn, aliases: [{ name: "grafana-admin-credentials" }] },
        );
        this.registerOutputs({ secretName: this.secretName, adminUser: this.adminUser, adminPassword: this.adminPassword });
    }
}
