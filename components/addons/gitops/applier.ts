// The identity Flux applies the GitOps tree as: a service account in the Flux namespace,
// bound by a RoleBinding in each namespace the tree owns to a ClusterRole that lists the
// kinds an application is made of. kustomize-controller impersonates the Kustomization's
// spec.serviceAccountName for apply, health checks and prune (kustomize-controller v1.8.3
// internal/controller/kustomization_controller.go:391-406, and 1129-1143 on deletion), so
// the tree cannot write cluster-scoped objects, RBAC, Flux objects, or anything outside
// those namespaces. It writes NetworkPolicies there: a team namespace denies all traffic but
// DNS, so the tree admits what its workloads serve, as the team's own `edit` access may
// (kubernetes v1.36.3 plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go:186); a
// NetworkPolicy selects pods of its own namespace only.
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

export const APPLIER_NAME = "platform-gitops-applier";

const WRITE = ["get", "list", "watch", "create", "update", "patch", "delete"];
const READ = ["get", "list", "watch"];

/** What the tree may write in its namespaces, and read to report health (kstatus reads a Deployment's ReplicaSets and Pods). */
export function applierRules(): { apiGroups: string[]; resources: string[]; verbs: string[] }[] {
    return [
        { apiGroups: [""], resources: ["configmaps", "secrets", "services", "serviceaccounts", "persistentvolumeclaims"], verbs: WRITE },
        { apiGroups: ["apps"], resources: ["deployments", "statefulsets"], verbs: WRITE },
        { apiGroups: ["batch"], resources: ["jobs", "cronjobs"], verbs: WRITE },
        { apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"], verbs: WRITE },
        { apiGroups: ["policy"], resources: ["poddisruptionbudgets"], verbs: WRITE },
        { apiGroups: ["gateway.networking.k8s.io"], resources: ["httproutes"], verbs: WRITE },
        { apiGroups: ["networking.k8s.io"], resources: ["networkpolicies"], verbs: WRITE },
        { apiGroups: ["monitoring.coreos.com"], resources: ["servicemonitors", "podmonitors"], verbs: WRITE },
        { apiGroups: [""], resources: ["pods", "endpoints", "events"], verbs: READ },
        { apiGroups: ["apps"], resources: ["replicasets", "controllerrevisions"], verbs: READ },
    ];
}

export interface ApplierArgs {
    /** The Flux namespace, where the service account lives beside the Kustomization. */
    fluxNamespace: string;
    /** The namespaces the tree owns, with their resources. */
    namespaces: readonly { name: string; resource?: pulumi.Resource }[];
    /** Labels of the service account, ClusterRole and RoleBindings. */
    labels: Record<string, string>;
    /** The cluster's Kubernetes provider. */
    provider: k8s.Provider;
    /** What every object waits for (the Flux namespace); each RoleBinding waits for its own namespace too. */
    dependsOn: pulumi.Input<pulumi.Resource>[];
}

/** The service account and its rights; the Kustomization depends on all of them, so `destroy` prunes with them still in place. */
export function gitopsApplier(
    prefix: string,
    args: ApplierArgs,
    opts: { parent: pulumi.Resource },
): { serviceAccount: k8s.core.v1.ServiceAccount; grants: pulumi.Resource[] } {
    const { labels, provider } = args;
    const base = { ...opts, provider, dependsOn: args.dependsOn };
    const serviceAccount = new k8s.core.v1.ServiceAccount(
        `${prefix}-applier`,
        { metadata: { name: APPLIER_NAME, namespace: args.fluxNamespace, labels }, automountServiceAccountToken: false },
        base,
    );
    const role = new k8s.rbac.v1.ClusterRole(`${prefix}-applier`, { metadata: { name: APPLIER_NAME, labels }, rules: applierRules() }, base);
    const bindings = args.namespaces.map(
        (namespace) =>
            new k8s.rbac.v1.RoleBinding(
                `${prefix}-applier-${namespace.name}`,
                {
                    metadata: { name: APPLIER_NAME, namespace: namespace.name, labels },
                    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: APPLIER_NAME },
                    subjects: [{ kind: "ServiceAccount", name: APPLIER_NAME, namespace: args.fluxNamespace }],
                },
                { ...base, dependsOn: [...args.dependsOn, ...(namespace.resource ? [namespace.resource] : [])] },
            ),
    );
    return { serviceAccount, grants: [role, ...bindings] };
}
