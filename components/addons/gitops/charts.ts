// The chart the GitOps add-on installs, pinned to an exact version (see the monitoring
// add-on's charts.ts for what an upgrade involves).
import type { PinnedChart } from "../../helmRelease";

export const FLUX2_CHART: PinnedChart = {
    chart: "flux2",
    version: "2.18.3",
    repo: "https://fluxcd-community.github.io/helm-charts",
};
