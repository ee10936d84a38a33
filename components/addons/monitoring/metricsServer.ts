// metrics-server in kube-system: the resource metrics API (metrics.k8s.io) that HPAs
// read CPU and memory utilisation from.
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

import type { ChildName } from "../../childNames";
import { platformRelease } from "../../helmRelease";
import { METRICS_SERVER_CHART } from "./charts";
import { metricsServerValues } from "./metricsServerValues";
import type { MonitoringProfile } from "./profile";

export const METRICS_SERVER_NAMESPACE = "kube-system";

export function metricsServerRelease(child: ChildName, profile: MonitoringProfile, opts: pulumi.CustomResourceOptions): k8s.helm.v3.Release {
    return platformRelease(
        child.name,
        {
            chart: METRICS_SERVER_CHART,
            releaseName: "metrics-server",
            namespace: METRICS_SERVER_NAMESPACE,
            values: metricsServerValues(profile),
            // One Deployment and an APIService: ready within minutes.
            timeoutSeconds: 300,
        },
        { ...opts, aliases: child.aliases },
    );
}
