// Dashboards, alerts, NetworkPolicies and cost reports select on `app` and `env`:
// every object that belongs to a workload carries both.
import { kindOf, metadataOf } from "../kubernetes/objects";
import type { ResourceRule } from "../rule";

export const LABELLED_KINDS: readonly string[] = [
    "Deployment",
    "StatefulSet",
    "DaemonSet",
    "Job",
    "CronJob",
    "Pod",
    "Service",
    "HorizontalPodAutoscaler",
    "PodDisruptionBudget",
    "ConfigMap",
    "Secret",
    "NetworkPolicy",
    "PersistentVolumeClaim",
    "ServiceAccount",
    "ServiceMonitor",
];

export const REQUIRED_LABELS = ["app", "env"] as const;

export const workloadLabels: ResourceRule = {
    name: "workload-labels",
    description: `Every workload object (${LABELLED_KINDS.join(", ")}) carries the labels 'app' and 'env' in metadata.labels.`,
    check: (resource) => {
        if (!LABELLED_KINDS.includes(kindOf(resource) ?? "")) {
            return [];
        }
        const { labels } = metadataOf(resource);
        const missing = REQUIRED_LABELS.filter((key) => typeof labels[key] !== "string" || labels[key] === "");
        return missing.length === 0 ? [] : [`metadata.labels must include ${missing.map((key) => `'${key}'`).join(" and ")}`];
    },
};
