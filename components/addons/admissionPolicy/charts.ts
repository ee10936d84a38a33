// The chart the admission-policy add-on installs, pinned to an exact version.
import type { PinnedChart } from "../../helmRelease";

/** Kyverno v1.19.0 (kyverno/kyverno@v1.19.0:charts/kyverno/Chart.yaml). */
export const KYVERNO_CHART: PinnedChart = { chart: "kyverno", version: "3.9.0", repo: "https://kyverno.github.io/kyverno/" };
