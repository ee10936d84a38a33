// The chart the KEDA add-on installs, pinned (kedacore/charts@v2.20.2, KEDA 2.20.2; the chart
// is published to the HTTPS repository, kedacore/charts keda/README.md:20-24).
import type { PinnedChart } from "../../helmRelease";

export const KEDA_CHART: PinnedChart = { chart: "keda", version: "2.20.2", repo: "https://kedacore.github.io/charts" };
