// Alerting rules for KEDA (pure). KEDA exports no "ready" metric: readiness lives in the
// ScaledObject's status only (kedacore/keda@v2.20.2 pkg/metricscollector/prommetrics.go has
// none). So: a ScaledObject or one of its scalers reporting errors (prommetrics.go:80-96:
// keda_scaled_object_errors_total{namespace, scaledObject}, keda_scaler_detail_errors_total
// {…, scaler, triggerIndex}), and the HPA a ScaledObject owns unable to get its metrics,
// which the HPA controller reports as ScalingActive=False (FailedGetExternalMetric), seen
// through kube-state-metrics' kube_horizontalpodautoscaler_status_condition.

/**
 * KEDA's own `namespace` label (the ScaledObject's) as Prometheus stores it. The chart's
 * ServiceMonitor sets no honorLabels (kedacore/charts v2.20.2 templates/manager/servicemonitor.yaml:31-62,
 * and values.yaml offers no key for it), so the target's `namespace` (keda, where the operator
 * runs) wins and Prometheus keeps the scraped one as `exported_namespace`.
 */
export const SCALED_OBJECT_NAMESPACE_LABEL = "exported_namespace";

/** Sums a KEDA counter's increase by the ScaledObject's namespace and the given labels, carrying that namespace as `namespace` on the alert. */
function byScaledObject(metric: string, labels: readonly string[]): string {
    const sum = `sum by (${[SCALED_OBJECT_NAMESPACE_LABEL, ...labels].join(", ")}) (increase(${metric}[5m]))`;
    return `label_replace(${sum}, "namespace", "$1", "${SCALED_OBJECT_NAMESPACE_LABEL}", "(.*)") > 0`;
}

export interface KedaAlertRule {
    alert: string;
    expr: string;
    for: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
}

/** A ScaledObject's HPA: its namespace and name (the app's name, advanced.horizontalPodAutoscalerConfig.name). */
export interface ScaledHpa {
    readonly namespace: string;
    readonly name: string;
}

export function kedaRuleGroup(environment: string, hpas: readonly ScaledHpa[]): { name: string; rules: KedaAlertRule[] } {
    const labels = { severity: "warning", env: environment };
    const rules: KedaAlertRule[] = [
        {
            alert: "KedaScaledObjectErrors",
            expr: byScaledObject("keda_scaled_object_errors_total", ["scaledObject"]),
            for: "10m",
            labels,
            annotations: {
                summary: "ScaledObject {{ $labels.namespace }}/{{ $labels.scaledObject }} keeps failing",
                description:
                    "KEDA cannot read its triggers; the app is not scaled on them. kubectl -n {{ $labels.namespace }} describe scaledobject {{ $labels.scaledObject }}",
            },
        },
        {
            alert: "KedaScalerErrors",
            expr: byScaledObject("keda_scaler_detail_errors_total", ["scaledObject", "scaler", "triggerIndex"]),
            for: "10m",
            labels,
            annotations: {
                summary: "Trigger {{ $labels.triggerIndex }} ({{ $labels.scaler }}) of {{ $labels.namespace }}/{{ $labels.scaledObject }} fails",
                description: "For a prometheus trigger: the query errs or Prometheus is unreachable.",
            },
        },
    ];
    if (hpas.length > 0) {
        // kube-state-metrics is scraped with honorLabels (kube-prometheus-stack 88.5.3 values.yaml:2700-2707): its `namespace` is the HPA's.
        rules.push({
            alert: "KedaScaledObjectNotReady",
            expr: `max by (namespace, horizontalpodautoscaler) (kube_horizontalpodautoscaler_status_condition{condition="ScalingActive", status="false", ${hpaMatcher(hpas)}}) == 1`,
            for: "10m",
            labels,
            annotations: {
                summary: "The HPA of ScaledObject {{ $labels.namespace }}/{{ $labels.horizontalpodautoscaler }} gets no metrics",
                description:
                    "The app keeps its replica count until KEDA serves the metrics again. kubectl -n {{ $labels.namespace }} describe hpa {{ $labels.horizontalpodautoscaler }}",
            },
        });
    }
    return { name: "keda", rules };
}

/** Label matchers for the HPAs: exact names per namespace would need one rule each, a regex over both is one. */
function hpaMatcher(hpas: readonly ScaledHpa[]): string {
    const namespaces = [...new Set(hpas.map((hpa) => hpa.namespace))];
    const names = [...new Set(hpas.map((hpa) => hpa.name))];
    return `namespace=~"${namespaces.join("|")}", horizontalpodautoscaler=~"${names.join("|")}"`;
}
