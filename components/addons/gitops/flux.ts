// The Flux controllers, from the flux2 chart, in the gitops namespace. The chart also
// installs the Flux CRDs, so the GitRepository and Kustomization depend on this release.
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { ChildName } from "../../childNames";
import { FLUX2_CHART } from "./charts";
import { platformRelease } from "../../helmRelease";
import { FluxValuesOptions, fluxValues } from "./fluxValues";

export const FLUX_RELEASE = "flux";

export function fluxRelease(child: ChildName, namespace: string, options: FluxValuesOptions, opts: pulumi.CustomResourceOptions): k8s.helm.v3.Release {
    return platformRelease(
        child.name,
        {
            chart: FLUX2_CHART,
            releaseName: FLUX_RELEASE,
            namespace,
            values: fluxValues(options),
            // CRDs, a pre-install check job and four controllers.
            timeoutSeconds: 600,
        },
        { ...opts, aliases: child.aliases },
    );
}
