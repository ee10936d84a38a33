// Values of the cert-manager chart (v1.21.1).
// - crds.enabled: the chart installs and upgrades the CRDs (they are templates:
//   templates/crd-cert-manager.io_clusterissuers.yaml:1-9); crds.keep (the default) keeps
//   them, and with them every Certificate, when the release is uninstalled (values.yaml:106-116).
// - config.gatewayAPI.enabled: Gateway API support, which the ACME HTTP-01 gatewayHTTPRoute
//   solver needs (pkg/apis/config/controller/v1alpha1/types.go:152-153, 269-284; the chart
//   renders `config` into the controller's ControllerConfiguration,
//   templates/controller-config.yaml:1-18). The Gateway API CRDs must exist before the
//   controller starts (the release depends on them).
export function certManagerValues(): Record<string, unknown> {
    return {
        crds: { enabled: true, keep: true },
        config: { gatewayAPI: { enabled: true } },
    };
}
