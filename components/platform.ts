// The whole platform for one stack: the cluster and its provider, the registry (EKS),
// namespaces, monitoring, GitOps and the application workloads. Every Kubernetes
// object uses the cluster's provider.
import * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../stacks/load";
import type { PlatformSettings } from "../stacks/schema/platform";
import { createCluster } from "./cluster";
import { clusterNetwork } from "./cluster/clusterNetwork";
import { Gitops } from "./gitops/gitops";
import { monitoringAccess } from "./monitoring/access";
import { AppMonitoring } from "./monitoring/appMonitoring";
import { Monitoring } from "./monitoring/monitoring";
import { NamespaceSpec, Namespaces } from "./namespaces";
import { Workloads } from "./workloads/workloads";

export interface PlatformArgs {
    config: PlatformConfig;
    /** Apps held back from this update (their image is not pushed yet), with the image reference to push. */
    heldBack?: ReadonlyMap<string, string>;
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
    /** How to reach Grafana, Prometheus and Alertmanager (monitoring enabled). */
    public readonly monitoringAccess?: Record<string, string>;
    public readonly grafanaAdminUser?: string;
    /** A Pulumi secret: from secret config, or generated. */
    public readonly grafanaAdminPassword?: pulumi.Output<string>;
    /** Held-back apps and the image each one waits for (EKS stacks on their first run). */
    public readonly pendingImages: Record<string, pulumi.Output<string>> = {};
    /** The repository, branch and path Flux follows, or what to set for it to follow one. */
    public readonly gitops: Record<string, string>;

    constructor(name: string, args: PlatformArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:index:Platform", name, {}, opts);
        const { settings, secrets } = args.config;
        const heldBack = args.heldBack ?? new Map<string, string>();
        const deployed = deployedWorkloads(settings, heldBack);
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
            for (const [app, reference] of heldBack) {
                this.pendingImages[app] = pulumi.interpolate`${registry.repositoryUrls[app]}${reference}`;
            }
        }

        const namespaces = new Namespaces(
            "namespaces",
            { namespaces: platformNamespaces(settings), environment: settings.environment, provider },
            { parent: this, dependsOn: cluster.readiness },
        );

        const monitoring = settings.monitoring.enabled
            ? new Monitoring(
                  "monitoring",
                  {
                      cluster: settings.cluster,
                      config: settings.monitoring,
                      environment: settings.environment,
                      namespace: namespaces.byName[settings.namespaces.monitoring],
                      namespaceName: settings.namespaces.monitoring,
                      secrets,
                      provider,
                  },
                  // gp3 (EKS) must exist before the monitoring volumes are claimed.
                  { parent: this, dependsOn: [namespaces, ...(cluster.readiness ?? [])] },
              )
            : undefined;

        if (settings.gitops.enabled) {
            const gitops = new Gitops(
                "gitops",
                {
                    config: settings.gitops,
                    environment: settings.environment,
                    stack: args.config.stack,
                    namespace: namespaces.byName[settings.namespaces.gitops],
                    namespaceName: settings.namespaces.gitops,
                    secrets,
                    monitoringRelease: monitoring?.kubePrometheusStack,
                    provider,
                },
                { parent: this, dependsOn: [namespaces] },
            );
            this.gitops = gitops.summary;
        } else {
            this.gitops = { status: "GitOps is off (gitops.enabled: false)" };
        }

        // ServiceMonitors need the CRDs that kube-prometheus-stack installs.
        const crdRelease = monitoring ? { dependsOn: [monitoring.kubePrometheusStack] } : undefined;
        const workloads = new Workloads(
            "workloads",
            {
                apps: deployed.apps,
                jobs: deployed.jobs,
                environment: settings.environment,
                defaultNamespace: settings.namespaces.apps,
                monitoringNamespace: settings.namespaces.monitoring,
                secrets,
                repositoryUrls: this.repositoryUrls,
                network: clusterNetwork(settings.cluster),
                serviceMonitor: crdRelease,
                provider,
            },
            { parent: this, dependsOn: [namespaces] },
        );

        if (monitoring && settings.monitoring.appMonitoring && deployed.apps.length > 0) {
            new AppMonitoring(
                "app-monitoring",
                {
                    apps: deployed.apps.map((app) => ({
                        name: app.name,
                        namespace: app.namespace ?? settings.namespaces.apps,
                        environment: settings.environment,
                        minReplicas: app.replicas.min,
                        maxReplicas: app.replicas.max,
                    })),
                    environment: settings.environment,
                    monitoringNamespace: settings.namespaces.monitoring,
                    dependsOn: [monitoring.kubePrometheusStack],
                    provider,
                },
                { parent: this, dependsOn: [namespaces] },
            );
        }
        if (monitoring) {
            this.monitoringAccess = monitoringAccess(settings);
            this.grafanaAdminUser = monitoring.grafanaAdminUser;
            this.grafanaAdminPassword = monitoring.grafanaAdminPassword;
        }

        this.serviceUrls = Object.fromEntries(Object.entries(workloads.services).map(([app, service]) => [app, service.url]));
        this.appAccess = appAccess(settings);
        this.registerOutputs({
            clusterName: this.clusterName,
            kubeconfig: this.kubeconfig,
            repositoryUrls: this.repositoryUrls,
            pendingImages: this.pendingImages,
            serviceUrls: this.serviceUrls,
            monitoringAccess: this.monitoringAccess,
            grafanaAdminPassword: this.grafanaAdminPassword,
            gitops: this.gitops,
        });
    }
}

/** The cluster's name: configured, or `platform-<environment>`. */
export function platformClusterName(settings: PlatformSettings): string {
    const configured = settings.cluster.type === "existing" ? undefined : settings.cluster.name;
    return configured ?? `platform-${settings.environment}`;
}

/** The apps and jobs this update deploys: all but the held-back apps and the health checks that probe one. */
export function deployedWorkloads(settings: PlatformSettings, heldBack: ReadonlyMap<string, string>): Pick<PlatformSettings, "apps" | "jobs"> {
    return {
        apps: settings.apps.filter((app) => !heldBack.has(app.name)),
        jobs: settings.jobs.filter((job) => !(job.healthCheck?.targets ?? []).some((target) => heldBack.has(target))),
    };
}

/** Every namespace an app or job runs in, enforcing the restricted Pod Security Standard. */
export function appNamespaces(settings: PlatformSettings): NamespaceSpec[] {
    const names = [...settings.apps, ...settings.jobs].map((workload) => workload.namespace ?? settings.namespaces.apps);
    return [...new Set(names)].map((name) => ({ name, podSecurity: "restricted" }));
}

/**
 * Every namespace the platform creates: the apps' (restricted), the monitoring stack's
 * (privileged: node-exporter needs hostNetwork, hostPID and hostPath volumes) and
 * Flux's (restricted: its controllers run non-root with RuntimeDefault seccomp and no
 * capabilities).
 */
export function platformNamespaces(settings: PlatformSettings): NamespaceSpec[] {
    return [
        ...appNamespaces(settings),
        ...(settings.monitoring.enabled ? [{ name: settings.namespaces.monitoring, podSecurity: "privileged" as const }] : []),
        ...(settings.gitops.enabled ? [{ name: settings.namespaces.gitops, podSecurity: "restricted" as const }] : []),
    ];
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
