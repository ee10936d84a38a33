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
}

export type CapabilityName = keyof CapabilityTypes;
