// Values of the metrics-server chart (the resource metrics API behind every HPA's CPU
// and memory targets and `kubectl top`). Every key exists in the pinned chart's
// values.yaml; test/chartValues.test.ts checks that.
import type { MonitoringProfile } from "./profile";

export const KUBELET_INSECURE_TLS = "--kubelet-insecure-tls";

export function metricsServerValues(profile: MonitoringProfile): Record<string, unknown> {
    const { kubeletInsecureTls, replicas, resources } = profile.metricsServer;
    return {
        ...(resources ? { resources: { requests: { ...resources.requests }, limits: { ...resources.limits } } } : {}),
        // Added to the chart's defaultArgs; only kind needs it, its kubelets' certificates are self-signed.
        args: kubeletInsecureTls ? [KUBELET_INSECURE_TLS] : [],
        replicas,
        podDisruptionBudget: replicas > 1 ? { enabled: true, minAvailable: 1 } : { enabled: false },
    };
}
