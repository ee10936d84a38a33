// The charts the logs add-on installs, pinned to exact versions. Loki's OSS chart moved to
// grafana-community/helm-charts (grafana/loki@helm-loki-7.3.0:production/helm/loki/CHANGELOG.md:31:
// the grafana/loki chart is now for Grafana Enterprise Logs only); Alloy's stays in grafana/helm-charts.
import type { PinnedChart } from "../../helmRelease";

/** Loki 3.7.6. */
export const LOKI_CHART: PinnedChart = { chart: "loki", version: "18.11.0", repo: "https://grafana-community.github.io/helm-charts" };

/** Grafana Alloy v1.18.1. */
export const ALLOY_CHART: PinnedChart = { chart: "alloy", version: "1.11.1", repo: "https://grafana.github.io/helm-charts" };
