// The Grafana dashboard of the admission policies (pure data): results of the platform's
// ValidatingPolicies from Kyverno's counter kyverno_validating_policy_results (labels
// policy_name, resource_kind, resource_namespace, execution_cause, result:
// kyverno/kyverno@v1.19.0:pkg/metrics/vpol.go:46,63-71), admission requests and background
// scans alike, so it shows what the PolicyReports hold. Grafana's sidecar loads it from a
// labelled ConfigMap.

export const POLICY_DASHBOARD_UID = "platform-admission-policies";
const DATASOURCE = { type: "prometheus", uid: "prometheus" };
const METRIC = "kyverno_validating_policy_results_total";

interface PanelSpec {
    title: string;
    type: "timeseries" | "table";
    expr: string;
    legendFormat: string;
}

const PANELS: PanelSpec[] = [
    {
        title: "Failing results by policy (1h)",
        type: "timeseries",
        expr: `sum by (policy_name) (increase(${METRIC}{result="fail"}[1h]))`,
        legendFormat: "{{policy_name}}",
    },
    { title: "Results by outcome (1h)", type: "timeseries", expr: `sum by (result) (increase(${METRIC}[1h]))`, legendFormat: "{{result}}" },
    {
        title: "Failing objects by namespace and kind (24h)",
        type: "table",
        expr: `sum by (resource_namespace, resource_kind, policy_name) (increase(${METRIC}{result="fail"}[24h])) > 0`,
        legendFormat: "{{resource_namespace}} {{resource_kind}} {{policy_name}}",
    },
    {
        title: "Admission requests vs background scans (1h)",
        type: "timeseries",
        expr: `sum by (execution_cause) (increase(${METRIC}[1h]))`,
        legendFormat: "{{execution_cause}}",
    },
];

export function policyDashboard(environment: string): Record<string, unknown> {
    return {
        uid: POLICY_DASHBOARD_UID,
        title: `Admission policies (${environment})`,
        tags: ["platform", "kyverno", environment],
        timezone: "browser",
        schemaVersion: 39,
        refresh: "1m",
        time: { from: "now-24h", to: "now" },
        editable: false,
        panels: PANELS.map((panel, index) => ({
            id: index + 1,
            type: panel.type,
            title: panel.title,
            datasource: DATASOURCE,
            gridPos: { h: 8, w: 12, x: (index % 2) * 12, y: Math.floor(index / 2) * 8 },
            targets: [
                {
                    refId: "A",
                    datasource: DATASOURCE,
                    expr: panel.expr,
                    legendFormat: panel.legendFormat,
                    ...(panel.type === "table" ? { format: "table", instant: true } : {}),
                },
            ],
        })),
    };
}
