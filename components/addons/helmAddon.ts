// The Helm release most add-ons are built around: a pinned chart installed in the add-on's
// own namespace, after that namespace and the CRDs the release uses, with its ServiceMonitors
// (or PodMonitors) on exactly when the Prometheus Operator's CRDs exist. An add-on's deploy
// hands its component the placement (helmAddonPlacement); the component makes the release
// from its chart, a values function and the timeout (helmAddonRelease), beside whatever else
// it owns. The decision is pure (helmAddonReleaseInputs) so tests check it without Pulumi.
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

import { platformRelease, type PinnedChart, type PlatformReleaseArgs } from "../helmRelease";
import type { AddonNamespaceRef, CapabilityLookup } from "./contract";

/** Where an add-on's release goes and what it waits for. */
export interface HelmAddonPlacement {
    /** The add-on's namespace, created by the platform: the release installs into it, after it exists. */
    readonly namespace: AddonNamespaceRef;
    /** The cluster's Kubernetes provider, given explicitly to every child. */
    readonly provider: k8s.Provider;
    /** The release that installs the Prometheus Operator's CRDs, when monitoring is there: the release waits for it and turns its ServiceMonitors on. Unset: no ServiceMonitors. */
    readonly prometheusOperatorCrds?: pulumi.Resource;
}

/** What the chart's values may depend on. */
export interface HelmAddonFeatures {
    /** Whether the monitoring.coreos.com CRDs exist: a ServiceMonitor or PodMonitor without them fails the install. */
    readonly serviceMonitor: boolean;
}

export interface HelmAddonChart {
    readonly chart: PinnedChart;
    /** Helm release name (Service and ServiceAccount names derive from it). */
    readonly releaseName: string;
    readonly values: (features: HelmAddonFeatures) => Record<string, unknown>;
    /** Seconds Helm waits for the release's resources before rolling back. */
    readonly timeoutSeconds: number;
    /** What else must exist first, after the namespace: CRDs the chart's objects use, an IAM role, storage, nodes. */
    readonly after?: readonly pulumi.Resource[];
}

/** The release's arguments and its ordering: namespace first, then `after`, then the monitoring CRDs. */
export function helmAddonReleaseInputs(chart: HelmAddonChart, placement: HelmAddonPlacement): { args: PlatformReleaseArgs; dependsOn: pulumi.Resource[] } {
    const crds = placement.prometheusOperatorCrds ? [placement.prometheusOperatorCrds] : [];
    return {
        args: {
            chart: chart.chart,
            releaseName: chart.releaseName,
            namespace: placement.namespace.name,
            values: chart.values({ serviceMonitor: crds.length > 0 }),
            timeoutSeconds: chart.timeoutSeconds,
        },
        dependsOn: [placement.namespace.resource, ...(chart.after ?? []), ...crds],
    };
}

/** The add-on's release, a child of its component. */
export function helmAddonRelease(
    name: string,
    chart: HelmAddonChart,
    placement: HelmAddonPlacement,
    opts: { parent: pulumi.Resource; aliases?: pulumi.Input<pulumi.URN | pulumi.Alias>[] },
): k8s.helm.v3.Release {
    const { args, dependsOn } = helmAddonReleaseInputs(chart, placement);
    return platformRelease(name, args, { ...opts, provider: placement.provider, dependsOn });
}

/** The placement an add-on's deploy hands its component: its namespace, the provider, and the monitoring CRDs when provided. */
export function helmAddonPlacement(context: {
    readonly namespace: AddonNamespaceRef;
    readonly provider: k8s.Provider;
    readonly capabilities: CapabilityLookup;
}): HelmAddonPlacement {
    return { namespace: context.namespace, provider: context.provider, prometheusOperatorCrds: context.capabilities.get("prometheusOperatorCrds") };
}
