// What the gateway add-on installs, pinned: the Envoy Gateway chart (its own CRDs off) and
// the CRDs it needs, from their releases.
//
// Gateway API CRDs: the standard channel of v1.6.1, not the chart's bundle. gateway-helm
// v1.9.0 ships the experimental channel in its crds subchart's crds/ directory
// (charts/gateway-helm/charts/crds/crds/gatewayapi-crds.yaml:27-28), which Helm installs
// once and never upgrades; experimental adds alpha kinds (XListenerSet, XBackendTrafficPolicy,
// XMesh) whose APIs may change incompatibly, and the safe-upgrades policy refuses going back
// from experimental to standard later (gateway-api v1.6.1
// config/crd/standard/gateway.networking.k8s.io_vap_safeupgrades.yaml:17-23). The platform
// writes only GatewayClass, Gateway and HTTPRoute (v1, standard), and cert-manager and
// ExternalDNS need nothing more. Envoy Gateway documents this set-up: the standard CRDs and
// its own, then the chart with crds.enabled=false (v1.9.0
// site/content/en/latest/install/install-helm.md:80-99). Its gateway-crds-helm chart is not an
// option under Helm: a release stores every template of its chart, ~5 MB of CRDs here,
// beyond the 1 MiB a release Secret holds (the "known Helm limitation" that page names), so
// the CRDs are applied (server-side) from the two release manifests:
// - standard-install.yaml: config/crd/standard/gateway*.yaml concatenated
//   (gateway-api v1.6.1 hack/build-install-yaml.sh:31-60), published as a release asset
//   (.github/workflows/verify-release-artifacts.yml:56-78);
// - envoy-gateway-crds.yaml: gateway-crds-helm rendered with crds.envoyGateway.enabled=true,
//   i.e. Envoy Gateway's own CRDs only (envoy gateway v1.9.0 tools/make/kube.mk:462-464,
//   uploaded by .github/workflows/release.yaml:165-167).
import type { PinnedChart } from "../../helmRelease";

export const GATEWAY_HELM_CHART: PinnedChart = {
    chart: "gateway-helm",
    version: "v1.9.0",
    repo: "oci://docker.io/envoyproxy",
};

export const GATEWAY_API_VERSION = "v1.6.1";

/** The standard channel of the Gateway API CRDs (with the safe-upgrades ValidatingAdmissionPolicy). */
export const GATEWAY_API_CRDS_URL = `https://github.com/kubernetes-sigs/gateway-api/releases/download/${GATEWAY_API_VERSION}/standard-install.yaml`;

/** Envoy Gateway's CRDs (EnvoyProxy, BackendTrafficPolicy, ...) of the pinned chart's release. */
export const ENVOY_GATEWAY_CRDS_URL = `https://github.com/envoyproxy/gateway/releases/download/${GATEWAY_HELM_CHART.version}/envoy-gateway-crds.yaml`;

/** The controller name Envoy Gateway reconciles GatewayClasses for (gateway-helm v1.9.0 values.tmpl.yaml:176). */
export const ENVOY_GATEWAY_CONTROLLER = "gateway.envoyproxy.io/gatewayclass-controller";
