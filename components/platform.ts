// The whole platform for one stack: the cluster and its provider, the namespaces, the
// add-ons the stack enables (in dependency order, each handing its capabilities to the
// next), then the application workloads. Every Kubernetes object uses the cluster's provider.
import * as pulumi from "@pulumi/pulumi";

import type { PlatformConfig } from "../stacks/load";
import type { CoreSettings } from "../stacks/schema/core";
import { ADDONS } from "./addons";
import { Capabilities } from "./addons/capabilities";
import type { AnyAddon } from "./addons/contract";
import { configSections, planAddons } from "./addons/plan";
import { createCluster } from "./cluster";
import { clusterNetwork } from "./cluster/clusterNetwork";
import { APP_NAMESPACE_LABEL, Namespaces, NamespaceSpec } from "./namespaces";
import { Teams } from "./teams/teams";
import type { DeployedWorkloads } from "./workloads/deployed";
import { Workloads } from "./workloads/workloads";

export interface PlatformArgs {
    /** The stack's validated config: settings with every default applied, secret values and the stack name. */
    readonly config: PlatformConfig;
    /** Apps held back from this update (their image is not pushed yet), with the image reference to push. */
    readonly heldBack: ReadonlyMap<string, string>;
    /** The apps and jobs this update deploys: the config's, less the held-back apps and the health checks that probe them. */
    readonly deployed: DeployedWorkloads;
    /** The add-ons to choose from. @default ADDONS */
    readonly addons?: readonly AnyAddon[];
}

export class Platform extends pulumi.ComponentResource {
    public readonly clusterName: pulumi.Output<string>;
    public readonly kubeconfig?: pulumi.Output<string>;
    /** In-cluster URL of every app's Service. */
    public readonly serviceUrls: Record<string, string>;
    /** How to reach each app from a workstation. */
    public readonly appAccess: Record<string, string>;
    /** The stack outputs the add-ons contribute, in add-on order. */
    public readonly addonOutputs: Record<string, unknown> = {};

    constructor(name: string, args: PlatformArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:index:Platform", name, {}, opts);
        const { settings, secrets, stack } = args.config;
        const addons = args.addons ?? ADDONS;
        const { heldBack, deployed } = args;
        const clusterName = platformClusterName(settings);
        const tags = { "platform:environment": settings.environment, "platform:cluster": clusterName, "managed-by": "pulumi" };
        const sections = configSections(settings);

        const cluster = createCluster("cluster", { clusterName, config: settings.cluster, tags }, { parent: this });
        const provider = cluster.provider;
        this.clusterName = cluster.name;
        this.kubeconfig = cluster.kubeconfig;

        // Config validation checked the plan: its order is what is deployed.
        const { order } = planAddons(addons, settings, sections);
        const namespaceSpecs = platformNamespaces(settings, order);
        const namespaces = new Namespaces(
            "namespaces",
            { namespaces: namespaceSpecs, environment: settings.environment, provider },
            { parent: this, dependsOn: cluster.readiness },
        );

        const teamNamespaces = settings.teams.flatMap((team) => team.namespaces);
        if (settings.teams.length > 0) {
            new Teams(
                "teams",
                {
                    teams: settings.teams,
                    environment: settings.environment,
                    eksClusterName: settings.cluster.type === "eks" ? cluster.name : undefined,
                    namespaceResources: namespaces.byName,
                    provider,
                },
                { parent: this, dependsOn: [namespaces] },
            );
        }

        const capabilities = new Capabilities();
        for (const addon of order) {
            const namespaceName = addon.namespace ? settings.namespaces[addon.namespace.key] : undefined;
            const result = addon.deploy({
                config: sections[addon.configKey],
                settings,
                stack,
                cluster,
                provider,
                namespace: namespaceName ? { name: namespaceName, resource: namespaces.byName[namespaceName] } : undefined,
                platformNamespaces: namespaceSpecs,
                namespaceResources: namespaces.byName,
                secrets,
                heldBack,
                deployed,
                tags,
                capabilities,
                parent: this,
            });
            capabilities.add(result.capabilities);
            Object.assign(this.addonOutputs, result.outputs);
        }

        const workloads = new Workloads(
            "workloads",
            {
                apps: deployed.apps,
                jobs: deployed.jobs,
                environment: settings.environment,
                defaultNamespace: settings.namespaces.apps,
                baselineNamespaces: teamNamespaces,
                secrets,
                network: clusterNetwork(settings.cluster),
                capabilities,
                aws: cluster.clusterType === "eks" ? { identity: cluster.workloadIdentity, tags } : undefined,
                provider,
            },
            { parent: this, dependsOn: [namespaces] },
        );

        this.serviceUrls = Object.fromEntries(Object.entries(workloads.services).map(([app, service]) => [app, service.url]));
        this.appAccess = appAccess(settings);
        this.registerOutputs({ clusterName: this.clusterName, kubeconfig: this.kubeconfig, serviceUrls: this.serviceUrls, ...this.addonOutputs });
    }
}

/** The cluster's name: configured, or `platform-<environment>`. */
export function platformClusterName(settings: CoreSettings): string {
    const configured = settings.cluster.type === "existing" ? undefined : settings.cluster.name;
    return configured ?? `platform-${settings.environment}`;
}

/**
 * The application namespaces, enforcing the restricted Pod Security Standard: the teams'
 * when the stack declares teams (every app, job and the GitOps tree is in one of them);
 * otherwise every namespace an app or job runs in, and those deployed add-ons ask for apps
 * (the GitOps tree's).
 */
export function appNamespaces(settings: CoreSettings, addons: readonly AnyAddon[] = []): NamespaceSpec[] {
    const sections = configSections(settings);
    const names =
        settings.teams.length > 0
            ? settings.teams.flatMap((team) => team.namespaces)
            : [
                  ...[...settings.apps, ...settings.jobs].map((workload) => workload.namespace ?? settings.namespaces.apps),
                  ...addons.flatMap((addon) => addon.appNamespaces?.(sections[addon.configKey]) ?? []),
              ];
    return [...new Set(names)].map((name) => ({ name, podSecurity: "restricted", labels: { [APP_NAMESPACE_LABEL.key]: APP_NAMESPACE_LABEL.value } }));
}

/** Every namespace the platform creates: the apps' (restricted) and each deployed add-on's, at the level it declares. */
export function platformNamespaces(settings: CoreSettings, addons: readonly AnyAddon[]): NamespaceSpec[] {
    return [
        ...appNamespaces(settings, addons),
        ...addons.flatMap((addon) => (addon.namespace ? [{ name: settings.namespaces[addon.namespace.key], podSecurity: addon.namespace.podSecurity }] : [])),
    ];
}

/**
 * How a person reaches each app: the host port of a kind port mapping when the app has a
 * node port mapped, otherwise a port-forward command.
 */
export function appAccess(settings: CoreSettings): Record<string, string> {
    const mappings = settings.cluster.type === "kind" ? settings.cluster.portMappings : [];
    return Object.fromEntries(
        settings.apps.map((app) => {
            const mapping = mappings.find((m) => m.containerPort === app.nodePort);
            const namespace = app.namespace ?? settings.namespaces.apps;
            return [
                app.name,
                mapping ? `http://localhost:${mapping.hostPort}` : `kubectl -n ${namespace} port-forward svc/${app.name} 8080:${app.servicePort}`,
            ];
        }),
    );
}
