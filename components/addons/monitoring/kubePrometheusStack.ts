// kube-prometheus-stack in the monitoring namespace: the Prometheus operator and its
// CRDs, Prometheus, Alertmanager, Grafana, kube-state-metrics and node-exporter.
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

import type { ChildName } from "../../childNames";
import { platformRelease } from "../../helmRelease";
import { KUBE_PROMETHEUS_STACK_RELEASE } from "./access";
import { KUBE_PROMETHEUS_STACK_CHART } from "./charts";
import { KubePrometheusStackRefs, kubePrometheusStackValues } from "./kubePrometheusStackValues";
import type { MonitoringProfile } from "./profile";

/**
 * Installing the CRDs, the operator's admission webhook jobs and the StatefulSets (with
 * volumes to provision on EKS) takes several minutes; a failure rolls back after 15.
 */
export const KUBE_PROMETHEUS_STACK_TIMEOUT_SECONDS = 900;

export function kubePrometheusStackRelease(
    child: ChildName,
    namespace: string,
    profile: MonitoringProfile,
    refs: KubePrometheusStackRefs,
    opts: pulumi.CustomResourceOptions,
): k8s.helm.v3.Release {
    return platformRelease(
        child.name,
        {
            chart: KUBE_PROMETHEUS_STACK_CHART,
            releaseName: KUBE_PROMETHEUS_STACK_RELEASE,
            namespace,
            values: kubePrometheusStackValues(profile, refs),
            timeoutSeconds: KUBE_PROMETHEUS_STACK_TIMEOUT_SECONDS,
        },
        { ...opts, aliases: child.aliases },
    );
}
