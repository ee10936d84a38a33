// The Helm charts the platform installs, pinned to exact versions. Upgrading one means
// changing its version here and checking the values the platform sets against the new
// chart's values.yaml (test/chartValues.test.ts does this against the pinned copies).

export interface PinnedChart {
    chart: string;
    version: string;
    repo: string;
}

export const METRICS_SERVER_CHART: PinnedChart = {
    chart: "metrics-server",
    version: "3.13.1",
    repo: "https://kubernetes-sigs.github.io/metrics-server/",
};

export const KUBE_PROMETHEUS_STACK_CHART: PinnedChart = {
    chart: "kube-prometheus-stack",
    version: "88.5.3",
    repo: "https://prometheus-community.github.io/helm-charts",
};

export const FLUX2_CHART: PinnedChart = {
    chart: "flux2",
    version: "2.18.3",
    repo: "https://fluxcd-community.github.io/helm-charts",
};
