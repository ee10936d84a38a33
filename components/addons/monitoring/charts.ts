// The charts the monitoring add-on installs, pinned to exact versions. Upgrading one means
// changing its version here, regenerating its reference shape (test/fixtures/reference)
// and checking the values the add-on sets against it (the add-on contract tests do).
import type { PinnedChart } from "../../helmRelease";

export const METRICS_SERVER_CHART: PinnedChart = {
    chart: "metrics-server",
    version: "3.13.1",
    repo: "https://kubernetes-sigs.github.io/metrics-server/",
};

export const KUBE_PROMETHEUS_STACK_CHART: PinnedChart = {
    chart: "kube-prometheus-stack",
    version: "88.5.3",
    repo: "https://prometheus-community.github.io/helm-charts",
    subcharts: { grafana: { chart: "grafana", version: "12.11.1" } },
};
