// The reads Kyverno's reports controller needs for the background scans of the platform's
// policies. It lists and watches every resource a policy matches across the cluster, and gets
// each object it scans (kyverno/kyverno@v1.19.0:pkg/controllers/report/resource/controller.go:301-347,
// pkg/controllers/report/background/controller.go:613); a policy whose resources it cannot
// get, list and watch cluster-wide is marked not ready for reporting
// (pkg/controllers/policystatus/controller.go:379-390, 462-478). The chart binds it to its own
// ClusterRole and to `view` (charts/kyverno templates/reports-controller/clusterrolebinding.yaml:1-33,
// values.yaml:2296-2300); this adds read access to what `view` leaves out, and nothing else.
import type { ValidatingPolicy } from "./policies";

export interface ReadRule {
    readonly apiGroups: string[];
    readonly resources: string[];
}

/**
 * What the built-in `view` ClusterRole reads, per API group, among the resources a policy can
 * match (kubernetes v1.36.3 plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go:112-141):
 * no Secrets, and no custom resources unless an aggregated role adds them (kube-prometheus-stack
 * leaves its aggregate roles off: values.yaml global.rbac.createAggregateClusterRoles false).
 */
export const VIEW_ROLE_READS: Readonly<Record<string, readonly string[]>> = {
    "": [
        "pods",
        "replicationcontrollers",
        "serviceaccounts",
        "services",
        "endpoints",
        "persistentvolumeclaims",
        "configmaps",
        "limitranges",
        "resourcequotas",
        "namespaces",
        "events",
    ],
    apps: ["controllerrevisions", "statefulsets", "daemonsets", "deployments", "replicasets"],
    autoscaling: ["horizontalpodautoscalers"],
    batch: ["jobs", "cronjobs"],
    policy: ["poddisruptionbudgets"],
    "networking.k8s.io": ["networkpolicies", "ingresses"],
};

/** The resources the policies match that `view` does not read, one rule per API group. */
export function reportsControllerReads(policies: readonly ValidatingPolicy[]): ReadRule[] {
    const missing = new Map<string, Set<string>>();
    for (const rule of policies.flatMap((policy) => policy.spec.matchConstraints.resourceRules)) {
        for (const group of rule.apiGroups) {
            for (const resource of rule.resources) {
                if (!(VIEW_ROLE_READS[group] ?? []).includes(resource)) {
                    missing.set(group, (missing.get(group) ?? new Set()).add(resource));
                }
            }
        }
    }
    return [...missing].map(([group, resources]) => ({ apiGroups: [group], resources: [...resources].sort() }));
}
