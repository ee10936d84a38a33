// metrics-server in kube-system: the resource metrics API (metrics.k8s.io) that HPAs
// read CPU and memory utilisation from.
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { METRICS_SERVER_CHART } from "../charts";
import { platformRelease } from "../helmRelease";
import { metricsServerValues } from "./metricsServerValues";
import type { MonitoringProfile } from "./profile";

export const METRICS_SERVER_NAMESPACE = "kube-system";

export function metricsServerRelease(profile: MonitoringProfile, opts: pulumi.CustomResourceOptions): k8s.helm.v3.Release {
    return platformRelease(
        "metrics-server",
        {
            chart: METRICS_SERVER_CHART,
            releaseName: "metrics-server",
            namespace: METRICS_SERVER_NAMESPACE,
            values: metricsServerValues(profile),
            // One Deployment and an APIService: ready within minutes.
            timeoutSeconds: 300,
        },
        opts,
    );
}
