// The chart the ExternalDNS add-on installs, pinned (appVersion 0.21.0:
// kubernetes-sigs/external-dns external-dns-helm-chart-1.21.1 charts/external-dns/Chart.yaml:5-6).
import type { PinnedChart } from "../../helmRelease";

export const EXTERNAL_DNS_CHART: PinnedChart = {
    chart: "external-dns",
    version: "1.21.1",
    repo: "https://kubernetes-sigs.github.io/external-dns/",
};
