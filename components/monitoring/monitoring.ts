// The cluster's monitoring: metrics-server (HPA metrics) and kube-prometheus-stack
// (Prometheus, Alertmanager, Grafana), configured per environment by the monitoring
// profile. Grafana's password and the Alertmanager config reach the cluster as Secrets
// the chart references; the release is created after them and after its namespace, so
// `destroy` removes it first.
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterConfig } from "../../stacks/schema/cluster";
import type { MonitoringConfig } from "../../stacks/schema/monitoring";
import { workloadLabels } from "../workloads/labels";
import { ALERTMANAGER_CONFIG_SECRET, alertmanagerSecret } from "./alertmanagerSecret";
import { GrafanaCredentials } from "./grafanaCredentials";
import { GRAFANA_ROLE, grafanaRole } from "./grafanaRole";
import { kubePrometheusStackRelease } from "./kubePrometheusStack";
import { metricsServerRelease } from "./metricsServer";
import { monitoringProfile } from "./profile";

export interface MonitoringArgs {
    cluster: ClusterConfig;
    config: MonitoringConfig;
    environment: string;
    /** The monitoring namespace, created by the Namespaces component. */
    namespace: k8s.core.v1.Namespace;
    namespaceName: string;
    /** Secret values by config key (only the keys that are set). */
    secrets: Record<string, pulumi.Output<string>>;
    provider: k8s.Provider;
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
        const { config, provider } = args;
        const profile = monitoringProfile(args.cluster, config);
        const childOpts: pulumi.CustomResourceOptions = { parent: this, provider };
        const labels = (app: string) => workloadLabels(app, args.environment, "monitoring");

        if (config.metricsServer.enabled) {
            this.metricsServer = metricsServerRelease(profile, childOpts);
        }

        const grafana = new GrafanaCredentials(
            "grafana",
            {
                namespace: args.namespaceName,
                labels: labels("grafana"),
                adminUser: config.grafana.adminUser,
                adminPassword: args.secrets[config.grafana.adminPasswordSecret],
                provider,
                dependsOn: [args.namespace],
            },
            { parent: this },
        );
        this.grafanaAdminUser = grafana.adminUser;
        this.grafanaAdminPassword = grafana.adminPassword;

        const alertmanagerConfig = args.secrets[config.alertmanager.configSecret];
        const alertmanager = alertmanagerConfig
            ? alertmanagerSecret(
                  { namespace: args.namespaceName, labels: labels("alertmanager"), config: alertmanagerConfig, provider, dependsOn: [args.namespace] },
                  { parent: this },
              )
            : undefined;

        const role = grafanaRole({ namespace: args.namespaceName, labels: labels("grafana"), provider, dependsOn: [args.namespace] }, { parent: this });

        this.kubePrometheusStack = kubePrometheusStackRelease(
            args.namespaceName,
            profile,
            {
                grafanaAdminSecret: grafana.secretName,
                alertmanagerConfigSecret: alertmanager ? ALERTMANAGER_CONFIG_SECRET : undefined,
                grafanaRole: GRAFANA_ROLE,
                namespace: args.namespaceName,
            },
            { ...childOpts, dependsOn: [args.namespace, grafana.secret, role, ...(alertmanager ? [alertmanager] : [])] },
        );

        this.registerOutputs({ grafanaAdminUser: this.grafanaAdminUser, grafanaAdminPassword: this.grafanaAdminPassword });
    }
}
