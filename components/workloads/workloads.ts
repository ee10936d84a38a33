// The stack's application workloads: a WebService per app and a ScheduledJob per job,
// with images, secrets and health-check targets resolved from the platform config, and
// each app namespace's network baseline (default deny, DNS allowed).
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import type { ScheduledJobConfig, WebServiceConfig } from "../../stacks/schema/workloads";
import type { CapabilityLookup } from "../addons/contract";
import type { ClusterNetwork } from "../cluster/clusterNetwork";
import type { WorkloadIdentity } from "../cluster/workloadIdentity";
import { healthCheckScript, HealthCheckTarget } from "./healthCheckScript";
import { routeHost } from "./httpRoute";
import { appImage } from "./imageSource";
import { selectorLabels, workloadLabels } from "./labels";
import { DEFAULT_DENY_POLICY, defaultDenySpec, DNS_POLICY, dnsSpec, NamespacedPeer } from "./networkPolicies";
import { ScheduledJob } from "./scheduledJob";
import { WebService } from "./webService";

export interface WorkloadsArgs {
    /** The apps this update deploys (held-back apps removed), defaults applied. */
    apps: WebServiceConfig[];
    /** The jobs this update deploys (health checks of held-back apps removed), defaults applied. */
    jobs: ScheduledJobConfig[];
    /** The stack's environment (`platform:environment`): the `env` label of every object. */
    environment: string;
    /** Namespace of apps and jobs that set none (`namespaces.apps`, `apps` by default in the stack config). */
    defaultNamespace: string;
    /** Namespaces that get the network baseline even with no workload in them yet (the teams'). */
    baselineNamespaces?: readonly string[];
    /** Secret values by config key. */
    secrets: Record<string, pulumi.Output<string>>;
    /** The cluster's network, for the NetworkPolicies. */
    network: ClusterNetwork;
    /**
     * The deployed add-ons' capabilities, each used when present: metricsScraper (the namespace
     * NetworkPolicies admit scrapes from), registry (image repositories), prometheusOperatorCrds
     * (ServiceMonitors), scaledObjects (KEDA), externalSecretStore, gateway (HTTPRoutes) and
     * dnsPublisher (created before the routes, so destroy deletes the routes first).
     */
    capabilities: CapabilityLookup;
    /** On EKS: how apps that list awsPolicyArns get their role, and the tags of AWS resources. */
    aws?: { identity: WorkloadIdentity; tags: Record<string, string> };
    /** The cluster's Kubernetes provider. */
    provider: k8s.Provider;
}

export class Workloads extends pulumi.ComponentResource {
    public readonly services: Record<string, WebService> = {};
    public readonly jobs: Record<string, ScheduledJob> = {};

    constructor(name: string, args: WorkloadsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:workloads:Workloads", name, {}, opts);
        const namespaceOf = (workload: { namespace?: string }) => workload.namespace ?? args.defaultNamespace;
        const secretEnv = (refs: Record<string, string>) =>
            Object.fromEntries(Object.entries(refs).map(([envVar, configKey]) => [envVar, args.secrets[configKey]]));

        for (const namespace of new Set([...[...args.apps, ...args.jobs].map(namespaceOf), ...(args.baselineNamespaces ?? [])])) {
            this.namespaceBaseline(namespace, args);
        }

        const callers = healthCheckCallers(args.jobs, namespaceOf, args.environment);
        const { capabilities } = args;
        const crds = capabilities.get("prometheusOperatorCrds");
        const repositoryUrls = capabilities.get("registry")?.repositoryUrls;
        const gateway = capabilities.get("gateway");
        const dnsPublisher = capabilities.get("dnsPublisher");
        for (const app of args.apps) {
            this.services[app.name] = new WebService(
                app.name,
                {
                    app,
                    environment: args.environment,
                    namespace: namespaceOf(app),
                    image: appImage(app, repositoryUrls?.[app.name]),
                    secretEnv: secretEnv(app.secretEnv),
                    monitoringNamespace: capabilities.get("metricsScraper")?.namespace,
                    network: args.network,
                    callers: [
                        ...(callers.get(app.name) ?? []).filter((caller) => caller.namespace !== namespaceOf(app)),
                        // The Envoy proxy pods forward the app's routed traffic to its container port.
                        ...(gateway && app.route.enabled ? [{ namespace: gateway.proxy.namespace, podLabels: { ...gateway.proxy.podLabels } }] : []),
                    ],
                    // ServiceMonitors need the CRDs that kube-prometheus-stack installs.
                    serviceMonitor: crds ? { dependsOn: [crds] } : undefined,
                    scaledObjects: capabilities.get("scaledObjects"),
                    externalSecrets: capabilities.get("externalSecretStore"),
                    route:
                        gateway && app.route.enabled
                            ? {
                                  listener: gateway.https,
                                  host: routeHost(app, gateway.domain),
                                  dependsOn: [...gateway.routeDependsOn, ...(dnsPublisher ? [dnsPublisher] : [])],
                              }
                            : undefined,
                    aws: app.awsPolicyArns.length > 0 ? args.aws : undefined,
                    provider: args.provider,
                },
                { parent: this },
            );
        }

        for (const job of args.jobs) {
            const targets = (job.healthCheck?.targets ?? []).map((target) => this.services[target]);
            const command = job.healthCheck
                ? healthCheckCommand(
                      job,
                      targets.map((service) => ({ name: service.appName, url: service.url + service.readinessPath })),
                  )
                : undefined;
            this.jobs[job.name] = new ScheduledJob(
                job.name,
                {
                    job,
                    environment: args.environment,
                    namespace: namespaceOf(job),
                    command,
                    secretEnv: secretEnv(job.secretEnv),
                    egress: job.healthCheck ? { targets: targets.map((service) => service.target) } : { external: args.network.external },
                    provider: args.provider,
                },
                // A health check probes services: create it after them, delete it before them.
                { parent: this, dependsOn: targets.map((service) => service.service) },
            );
        }

        this.registerOutputs({
            serviceUrls: Object.fromEntries(Object.entries(this.services).map(([appName, service]) => [appName, service.url])),
        });
    }

    /** Denies all traffic of the namespace's pods but DNS; each workload's own policy admits the rest. */
    private namespaceBaseline(namespace: string, args: WorkloadsArgs): void {
        const labels = workloadLabels("network-baseline", args.environment, "network-policy");
        const policy = (name: string, spec: k8s.types.input.networking.v1.NetworkPolicySpec) =>
            new k8s.networking.v1.NetworkPolicy(
                `${namespace}-${name}`,
                { metadata: { name, namespace, labels }, spec },
                { parent: this, provider: args.provider },
            );
        policy(DEFAULT_DENY_POLICY, defaultDenySpec());
        policy(DNS_POLICY, dnsSpec());
    }
}

/** The health checks that call each app, by app name. */
function healthCheckCallers(jobs: ScheduledJobConfig[], namespaceOf: (job: ScheduledJobConfig) => string, environment: string): Map<string, NamespacedPeer[]> {
    const callers = new Map<string, NamespacedPeer[]>();
    for (const job of jobs) {
        for (const target of job.healthCheck?.targets ?? []) {
            callers.set(target, [...(callers.get(target) ?? []), { namespace: namespaceOf(job), podLabels: selectorLabels(job.name, environment) }]);
        }
    }
    return callers;
}

function healthCheckCommand(job: ScheduledJobConfig, targets: HealthCheckTarget[]): string[] {
    const logFile = job.storage ? `${job.storage.mountPath}/health_check.log` : undefined;
    return ["/bin/sh", "-c", healthCheckScript(targets, job.healthCheck!.timeoutSeconds, logFile)];
}
