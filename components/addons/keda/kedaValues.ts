// Values of the keda chart (pure); keys from keda/values.yaml at kedacore/charts@v2.20.2.
// The defaults already meet Pod Security "restricted" (values.yaml:465-525: non-root,
// read-only root filesystem, no capabilities, RuntimeDefault seccomp, no host network) and
// install the CRDs from templates/, so `helm upgrade` upgrades them.

export function kedaValues(options: { serviceMonitor: boolean }): Record<string, unknown> {
    // The operator serves the keda_* metrics (pkg/metricscollector/prommetrics.go); its ServiceMonitor needs
    // both flags (templates/manager/servicemonitor.yaml:1).
    return { prometheus: { operator: { enabled: options.serviceMonitor, serviceMonitor: { enabled: options.serviceMonitor } } } };
}
