// The whole platform for one stack: the cluster and its provider, namespaces, and
// the application workloads. Every Kubernetes object uses the cluster's provider.
import * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../stacks/load";
import { createCluster } from "./cluster";
import { NamespaceSpec, Namespaces } from "./namespaces";
import { Workloads } from "./workloads/workloads";

export interface PlatformArgs {
    config: PlatformConfig;
}

export class Platform extends pulumi.ComponentResource {
    public readonly clusterName: pulumi.Output<string>;
    public readonly kubeconfig?: pulumi.Output<string>;
    /** In-cluster URL of every app's Service. */
    public readonly serviceUrls: Record<string, string>;
    /** Commands that reach each app from a workstation. */
    public readonly portForwardCommands: Record<string, string>;

    constructor(name: string, args: PlatformArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:index:Platform", name, {}, opts);
        const { settings, secrets } = args.config;

        const cluster = createCluster("cluster", settings.cluster, { parent: this });
        const provider = cluster.provider;
        this.clusterName = cluster.name;
        this.kubeconfig = cluster.kubeconfig ? pulumi.secret(cluster.kubeconfig) : undefined;

        const namespaces = new Namespaces(
            "namespaces",
            { namespaces: appNamespaces(settings), environment: settings.environment, provider },
            { parent: this },
        );

        const workloads = new Workloads(
            "workloads",
            {
                apps: settings.apps,
                jobs: settings.jobs,
                environment: settings.environment,
                defaultNamespace: settings.namespaces.apps,
                monitoringNamespace: settings.namespaces.monitoring,
                secrets,
                provider,
            },
            { parent: this, dependsOn: [namespaces] },
        );

        this.serviceUrls = Object.fromEntries(Object.entries(workloads.services).map(([app, service]) => [app, service.url]));
        this.portForwardCommands = Object.fromEntries(
            settings.apps.map((app) => [
                app.name,
                `kubectl -n ${app.namespace ?? settings.namespaces.apps} port-forward svc/${app.name} 8080:${app.servicePort}`,
            ]),
        );
        this.registerOutputs({ clusterName: this.clusterName, kubeconfig: this.kubeconfig, serviceUrls: this.serviceUrls });
    }
}

/** Every namespace an app or job runs in, enforcing the restricted Pod Security Standard. */
export function appNamespaces(settings: PlatformConfig["settings"]): NamespaceSpec[] {
    const names = [...settings.apps, ...settings.jobs].map((workload) => workload.namespace ?? settings.namespaces.apps);
    return [...new Set(names)].map((name) => ({ name, podSecurity: "restricted" }));
}
