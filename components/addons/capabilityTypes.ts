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
}

export type CapabilityName = keyof CapabilityTypes;
