// What the gateway add-on installs, pinned: the Envoy Gateway chart (its own CRDs off) and
// the CRDs it needs, from Envoy Gateway's gateway-crds-helm chart at the same version.
//
// Gateway API CRDs: the standard channel of v1.6.1, not the gateway-helm chart's bundle.
// gateway-helm v1.9.0 ships the experimental channel in its crds subchart's crds/ directory
// (charts/gateway-helm/charts/crds/crds/gatewayapi-crds.yaml:27-28), which Helm installs
// once and never upgrades; experimental adds alpha kinds (XListenerSet, XBackendTrafficPolicy,
// XMesh) whose APIs may change incompatibly, and the safe-upgrades policy refuses going back
// from experimental to standard later (gateway-api v1.6.1
// config/crd/standard/gateway.networking.k8s.io_vap_safeupgrades.yaml:17-23). The platform
// writes only GatewayClass, Gateway and HTTPRoute (v1, standard), and cert-manager and
// ExternalDNS need nothing more. Envoy Gateway documents this set-up: the standard CRDs and
// its own, then the chart with crds.enabled=false (v1.9.0
// site/content/en/latest/install/install-helm.md:80-99).
//
// Both sets come from gateway-crds-helm v1.9.0, a chart pulled by version like every other
// (no download from a release URL at `up`, which nothing verified): crds.gatewayAPI with
// channel standard renders templates/standard-gatewayapi-crds.yaml (bundle-version v1.6.1,
// the ten CRDs and the safe-upgrades ValidatingAdmissionPolicy and binding of gateway-api's
// standard-install.yaml), crds.envoyGateway renders templates/generated/ (Envoy Gateway's
// eight CRDs). It is rendered by helm.v4.Chart, not installed as a Helm release: a release
// stores every template of its chart, ~5 MB here, beyond the 1 MiB a release Secret holds
// (the "known Helm limitation" install-helm.md names).
import type { PinnedChart } from "../../helmRelease";

export const GATEWAY_HELM_CHART: PinnedChart = {
    chart: "gateway-helm",
    version: "v1.9.0",
    repo: "oci://docker.io/envoyproxy",
};

/** The Gateway API release whose standard channel the CRD chart carries. */
export const GATEWAY_API_VERSION = "v1.6.1";

/** The Gateway API and Envoy Gateway CRDs, at the Envoy Gateway chart's version. */
export const GATEWAY_CRDS_CHART: PinnedChart = {
    chart: "gateway-crds-helm",
    version: GATEWAY_HELM_CHART.version,
    repo: GATEWAY_HELM_CHART.repo,
};

/** The controller name Envoy Gateway reconciles GatewayClasses for (gateway-helm v1.9.0 values.tmpl.yaml:176). */
export const ENVOY_GATEWAY_CONTROLLER = "gateway.envoyproxy.io/gatewayclass-controller";
