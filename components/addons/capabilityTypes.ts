// What add-ons hand each other, by name and type. A consumer asks for a capability by its
// name and gets this type; which add-on provides it is declared by the add-on itself
// (`provides`), never rebuilt from a name here.
import type * as pulumi from "@pulumi/pulumi";

export interface CapabilityTypes {
    /** The release that installs the monitoring.coreos.com CRDs (ServiceMonitor, PodMonitor, PrometheusRule): objects of those kinds depend on it. */
    prometheusOperatorCrds: pulumi.Resource;
    /** Where Prometheus runs: NetworkPolicies admit scrapes from this namespace. */
    metricsScraper: { readonly namespace: string };
    /** ECR repository URL per app, on stacks with a registry. */
    registry: { readonly repositoryUrls: Readonly<Record<string, pulumi.Output<string>>> };
    /** The in-cluster Prometheus server that answers PromQL queries over HTTP (KEDA's prometheus triggers). */
    prometheusQuery: { readonly url: string };
    /** KEDA: the release that installs the ScaledObject CRD, and the Prometheus server the apps' metric triggers query. */
    scaledObjects: { readonly crds: pulumi.Resource; readonly prometheusUrl?: string };
    /**
     * Where the cluster's logs are stored and queried: Grafana gets it as a data source (the
     * monitoring add-on adds it to the chart's provisioned data sources) and the app
     * dashboard gets a logs panel. Streams carry the labels `app`, `env`, `namespace`, `pod`.
     */
    logStore: { readonly datasource: { readonly name: string; readonly type: string; readonly uid: string; readonly url: string } };
    /** Grafana's dashboard sidecar: a ConfigMap in this namespace with this label becomes a dashboard. */
    grafanaDashboards: { readonly namespace: string; readonly label: { readonly key: string; readonly value: string }; readonly release: pulumi.Resource };
    /**
     * A store apps read secrets from (External Secrets Operator): the store an ExternalSecret
     * references, the resources that must exist first, the key prefix the store may read, and
     * the Deployment annotation that names a Secret whose change rolls the Deployment's pods.
     */
    externalSecretStore: {
        readonly storeRef: { readonly kind: "ClusterSecretStore"; readonly name: pulumi.Output<string> };
        readonly keyPrefix: string;
        /** How often the operator reads each secret again. */
        readonly refreshInterval: string;
        readonly ready: pulumi.Resource[];
        readonly rolloutAnnotation: string;
    };
    /** What installs the Gateway API CRDs (standard channel): Gateways, HTTPRoutes and GatewayClasses depend on it. */
    gatewayApiCrds: pulumi.Resource;
    /** The shared Gateway that routes traffic in: what an HTTPRoute attaches to, and what reaches the apps' pods. */
    gateway: GatewayCapability;
    /** The ClusterIssuer that signs the platform's certificates. */
    issuer: { readonly name: string; readonly resource: pulumi.Resource };
    /** The AWS Load Balancer Controller's release: Services it provisions load balancers for depend on it, so destroy removes them while it runs. */
    loadBalancerController: pulumi.Resource;
    /** ExternalDNS's release: objects whose DNS records it publishes depend on it, so destroy removes them while it can still delete the records. */
    dnsPublisher: pulumi.Resource;
}

/** A parentRef of a Gateway listener (gateway.networking.k8s.io/v1 ParentReference). */
export interface GatewayListenerRef {
    readonly group: "gateway.networking.k8s.io";
    readonly kind: "Gateway";
    readonly name: string;
    readonly namespace: string;
    readonly sectionName: string;
}

export interface GatewayCapability {
    /** The HTTPS listener app routes attach to. */
    readonly https: GatewayListenerRef;
    /** The plain-HTTP listener: the redirect to HTTPS and ACME HTTP-01 challenges (routes of the Gateway's own namespace only). */
    readonly http: GatewayListenerRef;
    /** The stack's domain: app hosts are `<name>.<domain>` unless they set their own. */
    readonly domain: string;
    /** The Envoy proxy pods, which connect to the apps' pods: NetworkPolicies admit them. */
    readonly proxy: { readonly namespace: string; readonly podLabels: Readonly<Record<string, string>> };
    /** The certificate the HTTPS listener serves: its Secret, and the hosts it must cover. */
    readonly tls: { readonly namespace: string; readonly secretName: string; readonly hosts: readonly string[] };
    /** What an HTTPRoute must be created after (the CRDs, the Gateway): destroy deletes routes first. */
    readonly routeDependsOn: readonly pulumi.Resource[];
}

export type CapabilityName = keyof CapabilityTypes;
