// The chart the backups add-on installs, pinned to an exact version.
import type { PinnedChart } from "../../helmRelease";

/** Velero's chart 12.1.0 (server v1.18.1 by default; the add-on runs v1.18.2, a bug-fix release with the same CRDs). */
export const VELERO_CHART: PinnedChart = { chart: "velero", version: "12.1.0", repo: "https://vmware-tanzu.github.io/helm-charts" };

/** Velero v1.18.2 and the AWS plugin paired with 1.18.x (velero-io/velero-plugin-for-aws@v1.14.2:README.md:16-25). */
export const VELERO_IMAGE_TAG = "v1.18.2";
export const AWS_PLUGIN_IMAGE = "velero/velero-plugin-for-aws:v1.14.2";
