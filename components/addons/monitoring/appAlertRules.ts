// Alerting rules for the platform's apps, as PrometheusRule spec groups (pure data).
// They read kube-state-metrics series, scoped to each app by namespace and by its
// Deployment, HPA and container name (all equal to the app name), so they hold for
// apps that expose no metrics of their own.

export interface AppRuleTarget {
    name: string;
    namespace: string;
    environment: string;
    minReplicas: number;
    maxReplicas: number;
}

export interface AlertRule {
    alert: string;
    expr: string;
    for: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
}

export interface RuleGroup {
    name: string;
    rules: AlertRule[];
}

export function appAlertRules(app: AppRuleTarget): RuleGroup {
    const ns = `namespace="${app.namespace}"`;
    const container = `${ns}, container="${app.name}"`;
    const labels = (severity: "warning" | "critical") => ({ severity, app: app.name, env: app.environment });
    const where = `${app.namespace}/${app.name}`;
    const rules: AlertRule[] = [
        {
            alert: "AppPodCrashLooping",
            expr: `max by (namespace, pod, container) (max_over_time(kube_pod_container_status_waiting_reason{${container}, reason="CrashLoopBackOff"}[5m])) >= 1`,
            for: "10m",
            labels: labels("warning"),
            annotations: {
                summary: `A pod of ${where} is crash-looping.`,
                description:
                    "Container {{ $labels.container }} of pod {{ $labels.namespace }}/{{ $labels.pod }} has been in CrashLoopBackOff for 10 minutes; see `kubectl logs --previous`.",
            },
        },
        {
            alert: "AppPodNotReady",
            expr:
                `sum by (namespace, pod) (kube_pod_status_ready{${ns}, condition="false"}) ` +
                `* on (namespace, pod) group_left() max by (namespace, pod) (kube_pod_container_info{${container}}) > 0`,
            for: "10m",
            labels: labels("warning"),
            annotations: {
                summary: `A pod of ${where} is not ready.`,
                description: "Pod {{ $labels.namespace }}/{{ $labels.pod }} has not been ready for 10 minutes; its readiness probe fails or it cannot start.",
            },
        },
        {
            alert: "AppUnavailable",
            expr:
                `max by (namespace, deployment) (kube_deployment_status_replicas_available{${ns}, deployment="${app.name}"}) == 0 ` +
                `and max by (namespace, deployment) (kube_deployment_spec_replicas{${ns}, deployment="${app.name}"}) > 0`,
            for: "5m",
            labels: labels("critical"),
            annotations: {
                summary: `${where} has no available replica.`,
                description: `Deployment ${where} has had no available pod for 5 minutes: the app is down.`,
            },
        },
    ];
    // An HPA whose minimum equals its maximum always sits at its maximum: nothing to alert on.
    if (app.maxReplicas > app.minReplicas) {
        const hpa = `${ns}, horizontalpodautoscaler="${app.name}"`;
        rules.push({
            alert: "AppHpaAtMaximum",
            expr:
                `max by (namespace, horizontalpodautoscaler) (kube_horizontalpodautoscaler_status_current_replicas{${hpa}}) ` +
                `>= max by (namespace, horizontalpodautoscaler) (kube_horizontalpodautoscaler_spec_max_replicas{${hpa}})`,
            for: "15m",
            labels: labels("warning"),
            annotations: {
                summary: `${where} has been scaled to its maximum of ${app.maxReplicas} replicas for 15 minutes.`,
                description: "The HPA cannot add replicas: raise replicas.max, give the pods more resources, or find what drives the load.",
            },
        });
    }
    return { name: `app-${app.name}`, rules };
}
