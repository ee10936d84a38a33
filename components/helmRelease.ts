// A Helm release of a pinned chart with the platform's upgrade policy: a fixed release
// name (Service names derive from it), no namespace creation (the Namespaces component
// owns namespaces and their Pod Security labels), atomic installs and upgrades that roll
// back and clean up on failure, and a bounded history.
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/** A Helm chart at an exact version, from its repository (an add-on's charts.ts pins it). */
export interface PinnedChart {
    chart: string;
    version: string;
    /** An HTTP chart repository, or an OCI registry path such as `oci://docker.io/envoyproxy` (the chart is then `<repo>/<chart>`). */
    repo: string;
    /** Subcharts whose values sit under a key of this chart's values, e.g. `grafana`. */
    subcharts?: Readonly<Record<string, { chart: string; version: string }>>;
}

export interface PlatformReleaseArgs {
    /** The pinned chart: name, exact version and repository (HTTP or `oci://`). */
    chart: PinnedChart;
    /** Helm release name. */
    releaseName: string;
    /** Namespace the release installs into; it must exist already (the release never creates it). */
    namespace: string;
    /** The chart's values, as Helm takes them; a key the chart does not read is silently ignored. */
    values: Record<string, unknown>;
    /** Seconds Helm waits for the release's resources to become ready before rolling back. */
    timeoutSeconds: number;
}

const isOci = (chart: PinnedChart) => chart.repo.startsWith("oci://");

/** The release's `chart`: helm.v3.Release takes an OCI chart as its full reference (with no repository options), others by name. */
export function chartReference(chart: PinnedChart): string {
    return isOci(chart) ? `${chart.repo}/${chart.chart}` : chart.chart;
}

/** Release options shared by every chart: pure, so tests can check the policy itself. */
export function releaseInputs(args: PlatformReleaseArgs): k8s.helm.v3.ReleaseArgs {
    return {
        name: args.releaseName,
        chart: chartReference(args.chart),
        ...(isOci(args.chart) ? {} : { repositoryOpts: { repo: args.chart.repo } }),
        version: args.chart.version,
        namespace: args.namespace,
        createNamespace: false,
        values: args.values,
        atomic: true,
        cleanupOnFail: true,
        timeout: args.timeoutSeconds,
        maxHistory: 10,
    };
}

export function platformRelease(name: string, args: PlatformReleaseArgs, opts: pulumi.CustomResourceOptions): k8s.helm.v3.Release {
    return new k8s.helm.v3.Release(name, releaseInputs(args), opts);
}
