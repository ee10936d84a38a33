// Values of the keda chart (pure); keys from keda/values.yaml at kedacore/charts@v2.20.2.
// The defaults already meet Pod Security "restricted" (values.yaml:465-525: non-root,
// read-only root filesystem, no capabilities, RuntimeDefault seccomp, no host network) and
// install the CRDs from templates/, so `helm upgrade` upgrades them.

import type { ResourcesConfig } from "../../../stacks/schema/workloads";

/** Per component; undefined keeps the chart's (100m and 100Mi each: values.yaml:546-570). */
export interface KedaResources {
    readonly operator: ResourcesConfig;
    readonly metricServer: ResourcesConfig;
    readonly webhooks: ResourcesConfig;
}

const copy = (r: ResourcesConfig) => ({ requests: { ...r.requests }, limits: { ...r.limits } });

export function kedaValues(options: { serviceMonitor: boolean; resources?: KedaResources }): Record<string, unknown> {
    const { resources } = options;
    return {
        // The operator serves the keda_* metrics (pkg/metricscollector/prommetrics.go); its ServiceMonitor needs
        // both flags (templates/manager/servicemonitor.yaml:1).
        prometheus: { operator: { enabled: options.serviceMonitor, serviceMonitor: { enabled: options.serviceMonitor } } },
        ...(resources
            ? { resources: { operator: copy(resources.operator), metricServer: copy(resources.metricServer), webhooks: copy(resources.webhooks) } }
            : {}),
    };
}
