// How an app scales (pure): its HPA, or, when it declares Prometheus triggers, the KEDA
// ScaledObject that owns its HPA. The ScaledObject keeps what the HPA had (the bounds, the
// CPU and memory utilization targets) and adds one prometheus trigger per metric. Fields
// from keda.sh_scaledobjects.yaml at kedacore/keda@v2.20.2.
import type { WebServiceConfig } from "../../stacks/schema/workloads";

export type Scaler = "hpa" | "scaledObject" | "none";

/** Which object sets the app's replica count. */
export function scalerOf(app: WebServiceConfig): Scaler {
    if (app.autoscaling.managedBy === "external") {
        return "none";
    }
    return app.autoscaling.metrics ? "scaledObject" : "hpa";
}

/**
 * Adopts an HPA of the same name that the platform made before the app had triggers: the
 * webhook accepts the ScaledObject only with this annotation and the name in
 * advanced.horizontalPodAutoscalerConfig (apis/keda/v1alpha1/scaledobject_webhook.go:298-305),
 * and the controller then rewrites that HPA with itself as owner (controllers/keda/hpa.go:186-188, :195-215).
 */
export const TRANSFER_HPA_OWNERSHIP = { "scaledobject.keda.sh/transfer-hpa-ownership": "true" };

export function scaledObjectSpec(app: WebServiceConfig, prometheusUrl: string): Record<string, unknown> {
    const { cpuUtilization, memoryUtilization, metrics = [] } = app.autoscaling;
    // Metadata values are strings (additionalProperties: string, CRD :349-352). metricType sits beside metadata:
    // metadata.type is refused since 2.18 (pkg/scalers/cpu_memory_scaler.go:24).
    const utilization = (type: "cpu" | "memory", value: number) => ({ type, metricType: "Utilization", metadata: { value: String(value) } });
    return {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: app.name },
        minReplicaCount: app.replicas.min,
        maxReplicaCount: app.replicas.max,
        // The HPA keeps the app's name (else keda-hpa-<name>, controllers/keda/hpa.go:393-403): the app alerts and dashboard select it.
        advanced: { horizontalPodAutoscalerConfig: { name: app.name } },
        triggers: [
            utilization("cpu", cpuUtilization),
            ...(memoryUtilization ? [utilization("memory", memoryUtilization)] : []),
            // metricType unset is AverageValue (pkg/scalers/scaler.go:95-101): the HPA divides the value by the replicas.
            ...metrics.map((metric) => ({
                type: "prometheus",
                ...(metric.name ? { name: metric.name } : {}),
                metadata: { serverAddress: prometheusUrl, query: metric.query, threshold: String(metric.targetPerPod) },
            })),
        ],
    };
}
