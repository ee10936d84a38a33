// A long-running HTTP service: Deployment, Service, HPA (or KEDA ScaledObject), PDB (when more than one
// replica must stay up), ConfigMap, Secret, NetworkPolicy and, when the app exposes
// metrics, a ServiceMonitor.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import type { WebServiceConfig } from "../../stacks/schema/workloads";
import type { CapabilityTypes } from "../addons/capabilityTypes";
import type { ClusterNetwork } from "../cluster/clusterNetwork";
import type { WorkloadIdentity } from "../cluster/workloadIdentity";
import { CONFIG_HASH_ANNOTATION, configHash } from "./configHash";
import { containerEnvironment } from "./environment";
import { externalSecretSpec } from "./externalSecret";
import { httpRouteSpec, ListenerRef } from "./httpRoute";
import { selectorLabels, workloadLabels } from "./labels";
import { JobTarget, NamespacedPeer, webServicePolicySpec } from "./networkPolicies";
import { containerSecurityContext, podSecurityContext, writableScratch } from "./podSecurity";
import { scaledObjectSpec, scalerOf, TRANSFER_HPA_OWNERSHIP } from "./scaledObject";
import { workloadSecret } from "./workloadSecret";

export interface WebServiceArgs {
    /** The app's config from the stack's `apps`, defaults applied. */
    app: WebServiceConfig;
    /** The stack's environment (`platform:environment`): the `env` label of every object. */
    environment: string;
    /** The namespace the app runs in (its `namespace`, else `namespaces.apps`). */
    namespace: string;
    /** The full image reference to run. */
    image: pulumi.Input<string>;
    /** Secret values by env var name (Pulumi secrets). */
    secretEnv: Record<string, pulumi.Input<string>>;
    /** The namespace Prometheus scrapes from; the NetworkPolicy admits it. */
    monitoringNamespace?: string;
    /** The cluster's network: where node-port traffic comes from, and what lies outside the cluster. */
    network: ClusterNetwork;
    /** Workloads of other namespaces that call the app (health checks); its NetworkPolicy admits them. */
    callers: NamespacedPeer[];
    /** Set when the ServiceMonitor CRD is installed: the resources that install it. */
    serviceMonitor?: { dependsOn: pulumi.Input<pulumi.Resource>[] };
    /** Set when KEDA is installed: the release of the ScaledObject CRD and the Prometheus server the triggers query. */
    scaledObjects?: CapabilityTypes["scaledObjects"];
    /** The secret store the app's `externalSecrets` come from (required when it has any). */
    externalSecrets?: CapabilityTypes["externalSecretStore"];
    /** Set when the app gets an HTTPRoute on the shared Gateway: the listener, its host, and what the route is created after. */
    route?: { listener: ListenerRef; host: string; dependsOn: pulumi.Input<pulumi.Resource>[] };
    /** Set for an app with awsPolicyArns (EKS only): how its service account gets a role with them. */
    aws?: { identity: WorkloadIdentity; tags: Record<string, string> };
    /** The cluster's Kubernetes provider. */
    provider: k8s.Provider;
}

const HTTP_PORT_NAME = "http";
const METRICS_PORT_NAME = "metrics";

export class WebService extends pulumi.ComponentResource {
    public readonly deployment: k8s.apps.v1.Deployment;
    public readonly service: k8s.core.v1.Service;
    public readonly appName: string;
    /** In-cluster URL of the service, e.g. http://backend-api.apps.svc.cluster.local:80. */
    public readonly url: string;
    /** The path the readiness probe checks, which health checks reuse. */
    public readonly readinessPath: string;
    /** What a NetworkPolicy must admit to reach the app's pods. */
    public readonly target: JobTarget;

    constructor(name: string, args: WebServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:workloads:WebService", name, {}, opts);
        const { app, environment, namespace } = args;
        this.appName = app.name;
        this.readinessPath = app.probes.readiness.path;
        const childOpts: pulumi.CustomResourceOptions = { parent: this, provider: args.provider };
        const labels = workloadLabels(app.name, environment, "web-service");
        const selector = selectorLabels(app.name, environment);
        const metadata = (suffix = "") => ({ name: `${app.name}${suffix}`, namespace, labels });
        const metricsPort = app.metrics?.port !== undefined && app.metrics.port !== app.containerPort ? app.metrics.port : undefined;
        this.target = { namespace, selector, containerPort: app.containerPort };

        // The role's credentials reach the pods through a token EKS projects (not the service account token mounted by default).
        const awsRole = args.aws?.identity.serviceAccountRole(
            `${app.name}-aws`,
            { namespace, serviceAccount: app.name, managedPolicyArns: app.awsPolicyArns, tags: args.aws.tags },
            this,
        );
        const account = new k8s.core.v1.ServiceAccount(
            app.name,
            { metadata: { ...metadata(), ...(awsRole ? { annotations: awsRole.serviceAccountAnnotations } : {}) }, automountServiceAccountToken: false },
            childOpts,
        );

        const hasConfig = Object.keys(app.config).length > 0;
        const configMap = hasConfig
            ? new k8s.core.v1.ConfigMap(`${app.name}-config`, { metadata: metadata("-config"), data: app.config }, childOpts)
            : undefined;
        const secret = workloadSecret({ name: `${app.name}-secret`, namespace, labels, values: args.secretEnv }, childOpts);
        const external = this.externalSecret(app, metadata("-external"), args);

        const scratch = writableScratch(app.writablePaths);
        const probe = (settings: WebServiceConfig["probes"]["readiness"]) => ({
            httpGet: { path: settings.path, port: settings.port ?? HTTP_PORT_NAME },
            initialDelaySeconds: settings.initialDelaySeconds,
            periodSeconds: settings.periodSeconds,
            timeoutSeconds: settings.timeoutSeconds,
            failureThreshold: settings.failureThreshold,
        });
        this.deployment = new k8s.apps.v1.Deployment(
            app.name,
            {
                // Reloader rolls the pods when the operator changes the synced Secret (ESO itself never restarts them).
                metadata: external ? { ...metadata(), annotations: { [args.externalSecrets!.rolloutAnnotation]: external.metadata.name } } : metadata(),
                spec: {
                    replicas: app.replicas.initial ?? app.replicas.min,
                    selector: { matchLabels: selector },
                    strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
                    template: {
                        metadata: {
                            labels,
                            annotations: { ...(hasConfig ? { [CONFIG_HASH_ANNOTATION]: configHash(app.config) } : {}), ...awsRole?.podAnnotations },
                        },
                        spec: {
                            serviceAccountName: account.metadata.name,
                            automountServiceAccountToken: false,
                            securityContext: podSecurityContext(app.runAsUser),
                            containers: [
                                {
                                    name: app.name,
                                    image: args.image,
                                    command: app.command,
                                    args: app.args,
                                    ports: [
                                        { name: HTTP_PORT_NAME, containerPort: app.containerPort, protocol: "TCP" },
                                        ...(metricsPort ? [{ name: METRICS_PORT_NAME, containerPort: metricsPort, protocol: "TCP" }] : []),
                                    ],
                                    ...withExternalSecrets(
                                        containerEnvironment({
                                            env: app.env,
                                            secretEnvNames: Object.keys(args.secretEnv),
                                            secret,
                                            configMap,
                                        }),
                                        Object.keys(app.externalSecrets),
                                        external,
                                    ),
                                    resources: app.resources,
                                    readinessProbe: probe(app.probes.readiness),
                                    livenessProbe: probe(app.probes.liveness),
                                    securityContext: containerSecurityContext(),
                                    volumeMounts: scratch.volumeMounts,
                                },
                            ],
                            volumes: scratch.volumes,
                        },
                    },
                },
            },
            // The HPA owns the replica count once the Deployment exists.
            { ...childOpts, ignoreChanges: ["spec.replicas"], dependsOn: [...(external ? [external] : []), ...(awsRole?.ready ?? [])] },
        );

        this.service = new k8s.core.v1.Service(
            app.name,
            {
                metadata: metadata(),
                spec: {
                    type: app.nodePort ? "NodePort" : "ClusterIP",
                    selector,
                    ports: [
                        {
                            name: HTTP_PORT_NAME,
                            port: app.servicePort,
                            targetPort: HTTP_PORT_NAME,
                            protocol: "TCP",
                            ...(app.nodePort ? { nodePort: app.nodePort } : {}),
                        },
                        ...(metricsPort ? [{ name: METRICS_PORT_NAME, port: metricsPort, targetPort: METRICS_PORT_NAME, protocol: "TCP" }] : []),
                    ],
                },
            },
            childOpts,
        );
        this.url = `http://${app.name}.${namespace}.svc.cluster.local:${app.servicePort}`;

        const scaler = scalerOf(app);
        if (scaler === "scaledObject") {
            const keda = args.scaledObjects;
            if (!keda?.prometheusUrl) {
                throw new Error(`app '${app.name}' has Prometheus triggers but no KEDA or Prometheus: the config check should have refused it`);
            }
            // KEDA creates and owns the HPA (named like the app); deleting the ScaledObject deletes it.
            new k8s.apiextensions.CustomResource(
                `${app.name}-scaled-object`,
                {
                    apiVersion: "keda.sh/v1alpha1",
                    kind: "ScaledObject",
                    metadata: { ...metadata(), annotations: TRANSFER_HPA_OWNERSHIP },
                    spec: scaledObjectSpec(app, keda.prometheusUrl),
                },
                { ...childOpts, dependsOn: [this.deployment, keda.crds] },
            );
        }
        if (scaler === "hpa") {
            new k8s.autoscaling.v2.HorizontalPodAutoscaler(
                app.name,
                {
                    metadata: metadata(),
                    spec: {
                        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: app.name },
                        minReplicas: app.replicas.min,
                        maxReplicas: app.replicas.max,
                        metrics: [
                            utilizationMetric("cpu", app.autoscaling.cpuUtilization),
                            ...(app.autoscaling.memoryUtilization ? [utilizationMetric("memory", app.autoscaling.memoryUtilization)] : []),
                        ],
                    },
                },
                { ...childOpts, dependsOn: [this.deployment] },
            );
        }

        if (app.replicas.min > 1) {
            new k8s.policy.v1.PodDisruptionBudget(
                app.name,
                { metadata: metadata(), spec: { maxUnavailable: 1, selector: { matchLabels: selector } } },
                childOpts,
            );
        }

        new k8s.networking.v1.NetworkPolicy(
            app.name,
            {
                metadata: metadata(),
                spec: webServicePolicySpec({
                    selector,
                    containerPort: app.containerPort,
                    metricsPort,
                    monitoringNamespace: args.monitoringNamespace,
                    nodePortSources: app.nodePort ? args.network.outsidePods : undefined,
                    callers: args.callers,
                    external: args.network.external,
                }),
            },
            childOpts,
        );

        if (app.metrics && args.serviceMonitor) {
            new k8s.apiextensions.CustomResource(
                `${app.name}-monitor`,
                {
                    apiVersion: "monitoring.coreos.com/v1",
                    kind: "ServiceMonitor",
                    metadata: metadata(),
                    spec: {
                        selector: { matchLabels: selector },
                        namespaceSelector: { matchNames: [namespace] },
                        endpoints: [{ port: metricsPort ? METRICS_PORT_NAME : HTTP_PORT_NAME, path: app.metrics.path, interval: app.metrics.interval }],
                    },
                },
                { ...childOpts, dependsOn: [...args.serviceMonitor.dependsOn, this.service] },
            );
        }

        if (args.route) {
            new k8s.apiextensions.CustomResource(
                `${app.name}-route`,
                {
                    apiVersion: "gateway.networking.k8s.io/v1",
                    kind: "HTTPRoute",
                    metadata: metadata(),
                    spec: httpRouteSpec({
                        listener: args.route.listener,
                        host: args.route.host,
                        paths: app.route.paths,
                        serviceName: app.name,
                        servicePort: app.servicePort,
                    }),
                },
                // After the Gateway API CRDs and the Gateway (and ExternalDNS, which then removes its records on destroy).
                { ...childOpts, dependsOn: [...args.route.dependsOn, this.service] },
            );
        }

        this.registerOutputs({ deployment: this.deployment.metadata.name, service: this.service.metadata.name, url: this.url });
    }

    /** The ExternalSecret of the app's `externalSecrets`, after the store and operator (and, on `destroy`, before them, while the operator can still remove its finalizer). */
    private externalSecret(
        app: WebServiceConfig,
        metadata: { name: string; namespace: string; labels: Record<string, string> },
        args: WebServiceArgs,
    ): k8s.apiextensions.CustomResource | undefined {
        if (Object.keys(app.externalSecrets).length === 0) {
            return undefined;
        }
        const store = args.externalSecrets;
        if (!store) {
            // The config refuses externalSecrets on a stack without the store; this is a bug in a caller.
            throw new Error(`app '${app.name}' has externalSecrets but no secret store was handed to the workloads`);
        }
        return new k8s.apiextensions.CustomResource(
            `${app.name}-external`,
            {
                apiVersion: "external-secrets.io/v1",
                kind: "ExternalSecret",
                metadata,
                spec: externalSecretSpec({ refs: app.externalSecrets, store: store.storeRef, refreshInterval: store.refreshInterval }),
            },
            { parent: this, provider: args.provider, dependsOn: store.ready },
        );
    }
}

/** The container's environment plus the externally synced variables, each from the ExternalSecret's target Secret (named like the ExternalSecret). */
function withExternalSecrets<E extends { env: k8s.types.input.core.v1.EnvVar[] }>(
    environment: E,
    names: string[],
    external: k8s.apiextensions.CustomResource | undefined,
): E {
    if (!external || names.length === 0) {
        return environment;
    }
    const secretName = external.metadata.name;
    return { ...environment, env: [...environment.env, ...names.map((name) => ({ name, valueFrom: { secretKeyRef: { name: secretName, key: name } } }))] };
}

function utilizationMetric(resource: "cpu" | "memory", averageUtilization: number) {
    return { type: "Resource", resource: { name: resource, target: { type: "Utilization", averageUtilization } } };
}
