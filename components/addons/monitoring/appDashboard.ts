// The Grafana dashboard of the platform's apps (pure data): CPU, memory, restarts and
// replicas per app, with app and namespace variables, and the apps' log lines when a Loki
// data source is there. Grafana's sidecar loads it from a labelled ConfigMap; the
// Prometheus data source is the one kube-prometheus-stack provisions (uid "prometheus").

export interface DashboardApp {
    name: string;
    namespace: string;
}

export const APP_DASHBOARD_UID = "platform-apps";
const DATASOURCE = { type: "prometheus", uid: "prometheus" };

interface PanelSpec {
    title: string;
    unit: string;
    targets: { expr: string; legendFormat: string }[];
}

function panels(): PanelSpec[] {
    const selector = 'namespace=~"$namespace", container=~"$app"';
    return [
        {
            title: "CPU usage (cores)",
            unit: "short",
            targets: [{ expr: `sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{${selector}}[5m]))`, legendFormat: "{{namespace}}/{{pod}}" }],
        },
        {
            title: "Memory working set",
            unit: "bytes",
            targets: [{ expr: `sum by (namespace, pod) (container_memory_working_set_bytes{${selector}})`, legendFormat: "{{namespace}}/{{pod}}" }],
        },
        {
            title: "Container restarts (1h)",
            unit: "short",
            targets: [
                {
                    expr: `sum by (namespace, container) (increase(kube_pod_container_status_restarts_total{${selector}}[1h]))`,
                    legendFormat: "{{namespace}}/{{container}}",
                },
            ],
        },
        {
            title: "Replicas",
            unit: "short",
            targets: [
                {
                    expr: 'sum by (namespace, deployment) (kube_deployment_status_replicas_available{namespace=~"$namespace", deployment=~"$app"})',
                    legendFormat: "{{deployment}} available",
                },
                {
                    expr: 'max by (namespace, horizontalpodautoscaler) (kube_horizontalpodautoscaler_status_desired_replicas{namespace=~"$namespace", horizontalpodautoscaler=~"$app"})',
                    legendFormat: "{{horizontalpodautoscaler}} desired (HPA)",
                },
                {
                    expr: 'max by (namespace, horizontalpodautoscaler) (kube_horizontalpodautoscaler_spec_max_replicas{namespace=~"$namespace", horizontalpodautoscaler=~"$app"})',
                    legendFormat: "{{horizontalpodautoscaler}} max (HPA)",
                },
            ],
        },
    ];
}

function customVariable(name: string, label: string, values: string[]) {
    return {
        name,
        label,
        type: "custom",
        query: values.join(","),
        multi: true,
        includeAll: true,
        allValue: values.map(escapeRegex).join("|"),
        current: { selected: true, text: ["All"], value: ["$__all"] },
        options: [],
    };
}

function escapeRegex(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The logs panel: the apps' streams (Alloy labels them with `app` and `namespace`), newest first. */
export function logsPanel(datasourceUid: string, y: number): Record<string, unknown> {
    const datasource = { type: "loki", uid: datasourceUid };
    return {
        type: "logs",
        title: "Logs",
        datasource,
        gridPos: { h: 12, w: 24, x: 0, y },
        options: { showTime: true, wrapLogMessage: true, sortOrder: "Descending", enableLogDetails: true },
        targets: [{ refId: "A", datasource, expr: LOGS_QUERY, queryType: "range" }],
    };
}

export const LOGS_QUERY = '{namespace=~"$namespace", app=~"$app"}';

export function appDashboard(apps: readonly DashboardApp[], environment: string, logsDatasourceUid?: string): Record<string, unknown> {
    const namespaces = [...new Set(apps.map((app) => app.namespace))];
    const metricPanels = panels().map((panel, index) => ({
        id: index + 1,
        type: "timeseries",
        title: panel.title,
        datasource: DATASOURCE,
        gridPos: { h: 8, w: 12, x: (index % 2) * 12, y: Math.floor(index / 2) * 8 },
        fieldConfig: { defaults: { unit: panel.unit }, overrides: [] },
        options: { legend: { displayMode: "list", placement: "bottom" }, tooltip: { mode: "multi" } },
        targets: panel.targets.map((target, refIndex) => ({ ...target, datasource: DATASOURCE, refId: String.fromCharCode(65 + refIndex) })),
    }));
    const below = Math.ceil(metricPanels.length / 2) * 8;
    const logs = logsDatasourceUid ? [{ id: metricPanels.length + 1, ...logsPanel(logsDatasourceUid, below) }] : [];
    return {
        uid: APP_DASHBOARD_UID,
        title: `Platform apps (${environment})`,
        tags: ["platform", "apps", environment],
        timezone: "browser",
        schemaVersion: 39,
        refresh: "30s",
        time: { from: "now-3h", to: "now" },
        editable: false,
        templating: {
            list: [
                customVariable(
                    "app",
                    "App",
                    apps.map((app) => app.name),
                ),
                customVariable("namespace", "Namespace", namespaces),
            ],
        },
        panels: [...metricPanels, ...logs],
    };
}
