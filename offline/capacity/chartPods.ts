// The pods each pinned chart runs, from a release's values and the chart's defaults for what
// the values leave unset (each default cited at its values.yaml line, at the pinned version),
// including the pods the charts' operators create from their custom resources. DaemonSets
// count one pod: on kind every platform pod lands on the one worker (the control plane
// keeps its NoSchedule taint). test/chartRender.test.ts checks every model against the
// chart rendered with the plan's values.
import { memoryRequest, type PodFootprint } from "./podFootprint";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- chart values are free-form JSON, read here at the paths each chart defines
type Values = Record<string, any>;
type ChartModel = (values: Values, release: string) => PodFootprint[];

const pods = (workload: string, replicas: unknown, memoryBytes: number): PodFootprint => ({
    workload,
    replicas: typeof replicas === "number" ? replicas : 1,
    memoryBytes,
});

const MODELS: Record<string, ChartModel> = {
    // metrics-server 3.13.1 values.yaml:78 (replicas 1), 173-176 (requests 200Mi).
    "metrics-server": (v) => [pods("Deployment/metrics-server", v.replicas, memoryRequest(v.resources, "200Mi"))],
    // keda 2.20.2 values.yaml:95, 166, 239 (one replica each), 546-570 (100Mi each).
    keda: (v) => [
        pods("Deployment/keda-operator", v.operator?.replicaCount, memoryRequest(v.resources?.operator, "100Mi")),
        pods("Deployment/keda-operator-metrics-apiserver", v.metricsServer?.replicaCount, memoryRequest(v.resources?.metricServer, "100Mi")),
        pods("Deployment/keda-admission-webhooks", v.webhooks?.replicaCount, memoryRequest(v.resources?.webhooks, "100Mi")),
    ],
    // flux2 2.18.3 values.yaml:51-61, 99-109, 127-137, 155-165, 203-213, 256-266: 64Mi per controller; image controllers when created.
    flux2: (v) =>
        (
            [
                ["helmController", "helm-controller"],
                ["imageAutomationController", "image-automation-controller"],
                ["imageReflectionController", "image-reflector-controller"],
                ["kustomizeController", "kustomize-controller"],
                ["notificationController", "notification-controller"],
                ["sourceController", "source-controller"],
            ] as const
        )
            .filter(([key]) => v[key]?.create !== false)
            .map(([key, name]) => pods(`Deployment/${name}`, 1, memoryRequest(v[key]?.resources, "64Mi"))),
    // kyverno 3.9.0 values.yaml:1072 etc. (replicas ~ renders 1), 1281-1290 (init 64Mi), 1329-1337 (128Mi), 1670, 2048, 2434 (64Mi).
    kyverno: (v) => [
        pods(
            "Deployment/kyverno-admission-controller",
            v.admissionController?.replicas,
            Math.max(
                memoryRequest(v.admissionController?.container?.resources, "128Mi"),
                memoryRequest(v.admissionController?.initContainer?.resources, "64Mi"),
            ),
        ),
        ...(["background", "cleanup", "reports"] as const).map((name) =>
            pods(`Deployment/kyverno-${name}-controller`, v[`${name}Controller`]?.replicas, memoryRequest(v[`${name}Controller`]?.resources, "64Mi")),
        ),
    ],
    // gateway-helm v1.9.0 values.yaml:64-69 (256Mi), 128 (one replica).
    "gateway-helm": (v) => [pods("Deployment/envoy-gateway", v.deployment?.replicas, memoryRequest(v.deployment?.envoyGateway?.resources, "256Mi"))],
    // cert-manager v1.21.1: no requests unless set (values.yaml resources: {} of each component), one replica each.
    "cert-manager": (v) => [
        pods("Deployment/cert-manager", v.replicaCount, memoryRequest(v.resources)),
        pods("Deployment/cert-manager-webhook", v.webhook?.replicaCount, memoryRequest(v.webhook?.resources)),
        ...(v.cainjector?.enabled === false
            ? []
            : [pods("Deployment/cert-manager-cainjector", v.cainjector?.replicaCount, memoryRequest(v.cainjector?.resources))]),
    ],
    // loki 18.11.0, monolithic: the single binary only (values.yaml:1884 replicas, 2045 resources {}).
    loki: (v) => [pods("StatefulSet/loki", v.singleBinary?.replicas ?? 0, memoryRequest(v.singleBinary?.resources))],
    // alloy 1.11.1: a DaemonSet (values.yaml:282) of alloy (137: resources {}) and its config reloader (262-265: 50Mi).
    alloy: (v) => [pods("DaemonSet/alloy", 1, memoryRequest(v.alloy?.resources) + memoryRequest(v.configReloader?.resources, "50Mi"))],
    "kube-prometheus-stack": kubePrometheusStack,
};

/**
 * kube-prometheus-stack 88.5.3: Grafana (resources {}, its sidecars none), kube-state-metrics
 * and node-exporter (none), the operator (values.yaml:2825 ff., resources {}), and the
 * Prometheus and Alertmanager pods the operator creates from prometheusSpec and
 * alertmanagerSpec (one replica each, values.yaml:997 ff., 4216 ff.), whose config-reloader
 * sidecars request nothing unless prometheusConfigReloader.resources says so
 * (templates/prometheus-operator/deployment.yaml:101-104 passes `| default 0`).
 */
function kubePrometheusStack(v: Values, release: string): PodFootprint[] {
    const reloader = memoryRequest(v.prometheusOperator?.prometheusConfigReloader?.resources);
    const grafana = v.grafana?.enabled === false ? [] : [pods(`Deployment/${release}-grafana`, v.grafana?.replicas, memoryRequest(v.grafana?.resources))];
    return [
        ...grafana,
        pods(`Deployment/${release}-kube-state-metrics`, 1, memoryRequest(v["kube-state-metrics"]?.resources)),
        pods(`DaemonSet/${release}-prometheus-node-exporter`, 1, memoryRequest(v["prometheus-node-exporter"]?.resources)),
        pods(`Deployment/${release}-operator`, 1, memoryRequest(v.prometheusOperator?.resources)),
        pods(`Prometheus/${release}-prometheus`, v.prometheus?.prometheusSpec?.replicas, memoryRequest(v.prometheus?.prometheusSpec?.resources) + reloader),
        pods(
            `Alertmanager/${release}-alertmanager`,
            v.alertmanager?.alertmanagerSpec?.replicas,
            memoryRequest(v.alertmanager?.alertmanagerSpec?.resources) + reloader,
        ),
    ];
}

/** The chart's name in a release's `chart` input (an OCI reference ends with it). */
export function chartName(chart: string): string {
    return chart.split("/").pop()!;
}

/** The pods a release runs, or undefined for a chart without a model. */
export function releasePods(chart: string, releaseName: string, values: Values): PodFootprint[] | undefined {
    return MODELS[chartName(chart)]?.(values, releaseName);
}
