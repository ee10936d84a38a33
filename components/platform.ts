// The whole platform for one stack: the cluster and its provider, the registry (EKS),
// namespaces, and the application workloads. Every Kubernetes object uses the
// cluster's provider.
import * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../stacks/load";
import type { PlatformSettings } from "../stacks/schema/platform";
import { createCluster } from "./cluster";
import { NamespaceSpec, Namespaces } from "./namespaces";
import { Workloads } from "./workloads/workloads";

export interface PlatformArgs {
    config: PlatformConfig;
}

export class Platform extends pulumi.ComponentResource {
    public readonly clusterName: pulumi.Output<string>;
    public readonly kubeconfig?: pulumi.Output<string>;
    /** ECR repository URL by app name (EKS stacks). */
    public readonly repositoryUrls: Record<string, pulumi.Output<string>> = {};
    /** In-cluster URL of every app's Service. */
    public readonly serviceUrls: Record<string, string>;
    /** How to reach each app from a workstation. */
    public readonly appAccess: Record<string, string>;

    constructor(name: string, args: PlatformArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:index:Platform", name, {}, opts);
        const { settings, secrets } = args.config;
        const clusterName = platformClusterName(settings);
        const tags = { "platform:environment": settings.environment, "platform:cluster": clusterName, "managed-by": "pulumi" };

        const cluster = createCluster("cluster", { clusterName, config: settings.cluster, tags }, { parent: this });
        const provider = cluster.provider;
        this.clusterName = cluster.name;
        this.kubeconfig = cluster.kubeconfig;

        if (settings.cluster.type === "eks") {
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: keeps the AWS SDKs off the dev path
            const { Registry } = require("./registry/registry") as typeof import("./registry/registry");
            const registry = new Registry(
                "registry",
                {
                    prefix: settings.environment,
                    apps: settings.apps.map((app) => app.name),
                    keepTaggedImages: settings.cluster.registry.keepTaggedImages,
                    untaggedExpiryDays: settings.cluster.registry.untaggedExpiryDays,
                    protect: settings.cluster.protect,
                    tags,
                },
                { parent: this },
            );
            this.repositoryUrls = registry.repositoryUrls;
        }

        const namespaces = new Namespaces(
            "namespaces",
            { namespaces: appNamespaces(settings), environment: settings.environment, provider },
            { parent: this, dependsOn: cluster.readiness },
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
                repositoryUrls: this.repositoryUrls,
                provider,
            },
            { parent: this, dependsOn: [namespaces] },
        );

        this.serviceUrls = Object.fromEntries(Object.entries(workloads.services).map(([app, service]) => [app, service.url]));
        this.appAccess = appAccess(settings);
        this.registerOutputs({ clusterName: this.clusterName, kubeconfig: this.kubeconfig, repositoryUrls: this.repositoryUrls, serviceUrls: this.serviceUrls });
    }
}

/** The cluster's name: configured, or `platform-<environment>`. */
export function platformClusterName(settings: PlatformSettings): string {
    const configured = settings.cluster.type === "existing" ? undefined : settings.cluster.name;
    return configured ?? `platform-${settings.environment}`;
}

/** Every namespace an app or job runs in, enforcing the restricted Pod Security Standard. */
export function appNamespaces(settings: PlatformSettings): NamespaceSpec[] {
    const names = [...settings.apps, ...settings.jobs].map((workload) => workload.namespace ?? settings.namespaces.apps);
    return [...new Set(names)].map((name) => ({ name, podSecurity: "restricted" }));
}

/**
 * How a person reaches each app: the host port of a kind port mapping when the app has a
 * node port mapped, otherwise a port-forward command.
 */
export function appAccess(settings: PlatformSettings): Record<string, string> {
    const mappings = settings.cluster.type === "kind" ? settings.cluster.portMappings : [];
    return Object.fromEntries(
        settings.apps.map((app) => {
            const mapping = mappings.find((m) => m.containerPort === app.nodePort);
            const namespace = app.namespace ?? settings.namespaces.apps;
            return [app.name, mapping ? `http://localhost:${mapping.hostPort}` : `kubectl -n ${namespace} port-forward svc/${app.name} 8080:${app.servicePort}`];
        }),
    );
}
