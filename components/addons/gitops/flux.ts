// The Flux controllers, from the flux2 chart, in the gitops namespace. The chart also
// installs the Flux CRDs, so the GitRepository and Kustomization depend on this release.
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

import type { ChildName } from "../../childNames";
import { helmAddonRelease, type HelmAddonPlacement } from "../helmAddon";
import { FLUX2_CHART } from "./charts";
import { fluxValues } from "./fluxValues";

export const FLUX_RELEASE = "flux";

/** The controllers' release; their PodMonitor follows the monitoring CRDs. */
export function fluxRelease(child: ChildName, placement: HelmAddonPlacement, parent: pulumi.Resource): k8s.helm.v3.Release {
    return helmAddonRelease(
        child.name,
        {
            chart: FLUX2_CHART,
            releaseName: FLUX_RELEASE,
            values: ({ serviceMonitor }) => fluxValues({ podMonitor: serviceMonitor }),
            // CRDs, a pre-install check job and four controllers.
            timeoutSeconds: 600,
        },
        placement,
        { parent, aliases: child.aliases },
    );
}
