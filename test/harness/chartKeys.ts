// Checks that every key the platform sets in a chart's values exists in the chart's
// values.yaml: Helm silently ignores a key the chart does not define, so a typo or a
// key from another chart version would change nothing and nobody would notice.
//
// The rule, kept explicit and narrow:
// - every key path of our values must exist in the reference values (for a subchart
//   key such as `grafana`, in the parent chart's block or in the subchart's own values);
// - below a reference value that is an empty map (`{}`) or a list, anything goes: the
//   chart passes those through to the manifest (annotations, labels, selectors,
//   storageSpec, args, ...);
// - below a key named `resources` anything goes: a Kubernetes ResourceRequirements
//   passed through, whatever example the chart's default shows (metrics-server ships
//   requests only);
// - a reference value of null declares the key without a shape: any value is accepted;
// - a few keys are read by the charts' templates without being declared in values.yaml;
//   each is listed in UNDECLARED_TEMPLATE_KEYS with the template that reads it, and a
//   test fails once upstream declares it (then the entry must go).
import type { PinnedChart } from "../../components/helmRelease";
import { isMapping } from "./crdSchema";
import { chartValues } from "./reference";

export const FREE_FORM_KEYS: ReadonlySet<string> = new Set(["resources"]);

export interface UndeclaredKey {
    path: string;
    /** Where a chart template reads it. */
    template: string;
}

export const UNDECLARED_TEMPLATE_KEYS: Readonly<Record<string, readonly UndeclaredKey[]>> = {
    "kube-prometheus-stack": [
        // values.yaml documents it only as a comment (`# configSecret:`).
        { path: "alertmanager.alertmanagerSpec.configSecret", template: "kube-prometheus-stack templates/alertmanager/alertmanager.yaml" },
        // The Grafana subchart's Service template reads service.nodePort when service.type is NodePort.
        { path: "grafana.service.nodePort", template: "grafana templates/service.yaml" },
        // values.yaml documents it only as a comment (`# useExistingRole:`); grafana-12.11.1 templates/rolebinding.yaml:18-19 reads it.
        { path: "grafana.rbac.useExistingRole", template: "grafana templates/rolebinding.yaml" },
    ],
    loki: [
        // limits_config is merged into the Loki config as a whole (grafana-community/helm-charts@loki-18.11.0 charts/loki/values.yaml:385-388); values.yaml shows other limits only.
        { path: "loki.limits_config.retention_period", template: "loki values.yaml loki.config (limits_config)" },
        // Documented only as a comment (values.yaml:782-794); templates/_helpers.tpl:255 reads rulerConfig.storage.type.
        { path: "loki.rulerConfig.storage", template: "loki templates/_helpers.tpl (loki.rulerStorageConfig)" },
        // Documented only as a comment (values.yaml:629-631); templates/_helpers.tpl:242 requires bucketNames.chunks for object storage.
        { path: "loki.storage.bucketNames", template: "loki templates/_helpers.tpl (loki.commonStorageConfig)" },
    ],
    "aws-load-balancer-controller": [
        // values.yaml:51-57 documents capabilities only as a comment and has no seccompProfile;
        // templates/deployment.yaml:235-236 renders .Values.securityContext whole into the container.
        { path: "securityContext.capabilities", template: "aws-load-balancer-controller templates/deployment.yaml" },
        { path: "securityContext.seccompProfile", template: "aws-load-balancer-controller templates/deployment.yaml" },
    ],
};

function isFreeForm(reference: unknown, key: string): boolean {
    return FREE_FORM_KEYS.has(key) || Array.isArray(reference) || (isMapping(reference) && Object.keys(reference).length === 0);
}

export interface ChartKeyCheck {
    /** The chart's values.yaml, parsed. */
    values: unknown;
    /** Subcharts' values.yaml by their key in the parent's values. */
    subcharts?: Record<string, unknown>;
    /** Key paths the templates read without declaring them. */
    undeclared?: readonly UndeclaredKey[];
}

/** Every key path of `ours` the chart does not define, with the reason. */
export function unknownValueKeys(ours: Record<string, unknown>, chart: ChartKeyCheck): string[] {
    const allowed = new Set((chart.undeclared ?? []).map((key) => key.path));
    const problems: string[] = [];
    const walk = (value: Record<string, unknown>, references: unknown[], path: string[]) => {
        for (const [key, child] of Object.entries(value)) {
            const at = [...path, key];
            const dotted = at.join(".");
            if (allowed.has(dotted)) {
                continue;
            }
            const candidates = references
                .filter(isMapping)
                .filter((ref) => key in ref)
                .map((ref) => ref[key]);
            if (path.length === 0 && chart.subcharts?.[key] !== undefined) {
                candidates.push(chart.subcharts[key]);
            }
            if (candidates.length === 0) {
                problems.push(`${dotted}: not defined in the chart's values`);
            } else if (candidates.some((candidate) => isFreeForm(candidate, key) || candidate === null) || !isMapping(child)) {
                continue;
            } else if (!candidates.some(isMapping)) {
                problems.push(`${dotted}: is a map here but a ${typeof candidates[0]} in the chart's values`);
            } else {
                walk(child, candidates.filter(isMapping), at);
            }
        }
    };
    walk(ours, [chart.values], []);
    return problems;
}

/** Whether a dotted key path exists in parsed values (used to spot stale exceptions). */
export function hasKeyPath(values: unknown, dotted: string): boolean {
    let current: unknown = values;
    for (const part of dotted.split(".")) {
        if (!isMapping(current) || !(part in current)) {
            return false;
        }
        current = current[part];
    }
    return true;
}

/** The pinned chart's reference values, with its subcharts' (e.g. Grafana's for kube-prometheus-stack) and its undeclared template keys. */
export function chartCheck(chart: PinnedChart): ChartKeyCheck {
    const subcharts = Object.entries(chart.subcharts ?? {}).map(([key, sub]) => [key, chartValues(sub.chart, sub.version)]);
    return {
        values: chartValues(chart.chart, chart.version),
        subcharts: subcharts.length > 0 ? Object.fromEntries(subcharts) : undefined,
        undeclared: UNDECLARED_TEMPLATE_KEYS[chart.chart],
    };
}

/** Credentials as a chart's values function takes them, with a key in each map, so the key checks see both maps. */
export const SAMPLE_CREDENTIALS = {
    serviceAccountAnnotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/sample" },
    podAnnotations: { "platform.k8s-app-platform.io/workload-identity": "irsa" },
};
