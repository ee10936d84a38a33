// Who may do what in a team's namespaces (pure decisions): on kind and existing clusters
// the team's group is bound to the built-in `edit` or `view` ClusterRole in each
// namespace; on EKS each member principal gets an access entry and the matching EKS
// access policy, scoped to the team's namespaces.
import { teamGroup, type TeamConfig } from "../../stacks/schema/teams";

/** The EKS access policy granting what the Kubernetes `edit` or `view` ClusterRole grants, in the principal's partition. */
export function eksAccessPolicyArn(principalArn: string, access: TeamConfig["access"]): string {
    const partition = principalArn.split(":")[1];
    const policy = access === "edit" ? "AmazonEKSEditPolicy" : "AmazonEKSViewPolicy";
    return `arn:${partition}:eks::aws:cluster-access-policy/${policy}`;
}

/** Keyed by the principal, so reordering or adding members replaces nothing. */
export function memberResourceName(team: TeamConfig, principalArn: string): string {
    return `team-${team.name}-${principalArn
        .split(":")
        .pop()!
        .replace(/[^A-Za-z0-9-]+/g, "-")}`;
}

export function roleBinding(team: TeamConfig, namespace: string) {
    return {
        metadata: { name: `team-${team.name}`, namespace },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: team.access },
        subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: teamGroup(team) }],
    };
}
