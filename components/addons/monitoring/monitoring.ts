// The cluster's monitoring: metrics-server (HPA metrics) and kube-prometheus-stack
// (Prometheus, Alertmanager, Grafana), configured per environment by the monitoring
// profile. Grafana's password and the Alertmanager config reach the cluster as Secrets
// the chart references; the release is created after them and after its namespace, so
// `destroy` removes it first.
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import { prefixedChild } from "../../childNames";
import { workloadLabels } from "../../workloads/labels";
import { alertmanagerSecret } from "./alertmanagerSecret";
import { GrafanaCredentials } from "./grafanaCredentials";
import { GRAFANA_ROLE, grafanaRole } from "./grafanaRole";
import { kubePrometheusStackRelease } from "./kubePrometheusStack";
import type { GrafanaDataSource } from "./kubePrometheusStackValues";
import { metricsServerRelease } from "./metricsServer";
import type { MonitoringProfile } from "./profile";

export interface MonitoringArgs {
    /** What the cluster type and the config decide: retention, volumes, resources, exposure, metrics-server flags. */
    readonly profile: MonitoringProfile;
    /** Install metrics-server too (`monitoring.metricsServer.enabled`, true by default in the stack config). */
    readonly metricsServer: boolean;
    /** The monitoring namespace (privileged: node-exporter reads the host), created by the Namespaces component. */
    readonly namespace: { readonly name: string; readonly resource: k8s.core.v1.Namespace };
    /** The stack's environment (`platform:environment`): the `env` label of the Secrets and the Role. */
    readonly environment: string;
    /** Grafana's admin user name (`monitoring.grafana.adminUser`, `admin` by default in the stack config) and password. */
    readonly grafana: {
        readonly adminUser: string;
        /** From secret config; undefined generates one. */
        readonly adminPassword?: pulumi.Output<string>;
    };
    /** A complete alertmanager.yaml from secret config; undefined keeps the chart's default. */
    readonly alertmanagerConfig?: pulumi.Output<string>;
    /** Data sources other add-ons contribute to Grafana (the `logStore` capability's Loki). Unset: none. */
    readonly dataSources?: readonly GrafanaDataSource[];
    /** The cluster's Kubernetes provider. */
    readonly provider: k8s.Provider;
}

export class Monitoring extends pulumi.ComponentResource {
    /** Installs the monitoring.coreos.com CRDs: ServiceMonitors and PrometheusRules depend on it. */
    public readonly kubePrometheusStack: k8s.helm.v3.Release;
    public readonly metricsServer?: k8s.helm.v3.Release;
    public readonly grafanaAdminUser: string;
    /** A Pulumi secret. */
    public readonly grafanaAdminPassword: pulumi.Output<string>;

    constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:monitoring:Monitoring", name, {}, opts);
        const { profile, provider, namespace } = args;
        const childOpts: pulumi.CustomResourceOptions = { parent: this, provider };
        const labels = (app: string) => workloadLabels(app, args.environment, "monitoring");
        const child = (suffix: string) => prefixedChild(name, suffix);

        if (args.metricsServer) {
            this.metricsServer = metricsServerRelease(child("metrics-server"), profile, childOpts);
        }

        const grafanaChild = child("grafana");
        const grafana = new GrafanaCredentials(
            grafanaChild.name,
            {
                namespace: namespace.name,
                labels: labels("grafana"),
                adminUser: args.grafana.adminUser,
                adminPassword: args.grafana.adminPassword,
                provider,
                dependsOn: [namespace.resource],
            },
            { parent: this, aliases: grafanaChild.aliases },
        );
        this.grafanaAdminUser = grafana.adminUser;
        this.grafanaAdminPassword = grafana.adminPassword;

        const alertmanager = args.alertmanagerConfig
            ? alertmanagerSecret(
                  child("alertmanager-platform-config"),
                  { namespace: namespace.name, labels: labels("alertmanager"), config: args.alertmanagerConfig, provider, dependsOn: [namespace.resource] },
                  { parent: this },
              )
            : undefined;

        const role = grafanaRole(
            `${name}-${GRAFANA_ROLE}`,
            { namespace: namespace.name, labels: labels("grafana"), provider, dependsOn: [namespace.resource] },
            { parent: this },
        );

        this.kubePrometheusStack = kubePrometheusStackRelease(
            child("kube-prometheus-stack"),
            namespace.name,
            profile,
            {
                grafanaAdminSecret: grafana.secret.metadata.name,
                alertmanagerConfigSecret: alertmanager?.metadata.name,
                grafanaRole: role.metadata.name,
                namespace: namespace.name,
                additionalDataSources: args.dataSources,
            },
            { ...childOpts, dependsOn: [namespace.resource, grafana.secret, role, ...(alertmanager ? [alertmanager] : [])] },
        );

        this.registerOutputs({ grafanaAdminUser: this.grafanaAdminUser, grafanaAdminPassword: this.grafanaAdminPassword });
    }
}
