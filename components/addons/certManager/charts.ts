// The chart the cert-manager add-on installs, pinned. Its Chart.yaml says v0.0.0; the
// release tool sets the tag, so the chart version has the leading v (cert-manager v1.21.1
// deploy/charts/cert-manager/Chart.yaml:26-27). OCI is the documented source
// (deploy/charts/cert-manager/README.template.md:23-28).
import type { PinnedChart } from "../../helmRelease";

export const CERT_MANAGER_CHART: PinnedChart = {
    chart: "cert-manager",
    version: "v1.21.1",
    repo: "oci://quay.io/jetstack/charts",
};
