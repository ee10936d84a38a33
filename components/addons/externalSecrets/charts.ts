// The charts the externalSecrets add-on installs, pinned to exact versions.
import type { PinnedChart } from "../../helmRelease";

/** External Secrets Operator v2.9.0 (external-secrets/external-secrets@helm-chart-2.9.0:deploy/charts/external-secrets/Chart.yaml). */
export const EXTERNAL_SECRETS_CHART: PinnedChart = { chart: "external-secrets", version: "2.9.0", repo: "https://charts.external-secrets.io" };

/** Stakater Reloader v1.4.21 (stakater/Reloader@chart-v2.2.16:deployments/kubernetes/chart/reloader/Chart.yaml). */
export const RELOADER_CHART: PinnedChart = { chart: "reloader", version: "2.2.16", repo: "https://stakater.github.io/stakater-charts" };
