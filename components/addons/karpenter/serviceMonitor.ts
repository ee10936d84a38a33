// The ServiceMonitor that scrapes Karpenter's controller, made beside the release rather than
// by the chart. The chart renders its own only when the monitoring.coreos.com/v1 API exists at
// install time (charts/karpenter/templates/servicemonitor.yaml:1 at v1.14.1); the controller,
// which adds capacity, must not wait for the monitoring stack that provides that API, so this
// object waits for it instead. It selects the chart's metrics Service (service.yaml:17-24: port
// http-metrics, selector labels of _helpers.tpl:51-54) as the chart's template does (:16-27).

/** The ServiceMonitor's spec for the controller's release `releaseName` in `namespace`. */
export function controllerServiceMonitorSpec(releaseName: string, namespace: string): Record<string, unknown> {
    return {
        namespaceSelector: { matchNames: [namespace] },
        // karpenter.name is the chart's name unless nameOverride is set (_helpers.tpl:4-6); the platform sets none.
        selector: { matchLabels: { "app.kubernetes.io/name": "karpenter", "app.kubernetes.io/instance": releaseName } },
        endpoints: [{ port: "http-metrics", path: "/metrics" }],
    };
}
