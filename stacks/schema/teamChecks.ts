// Checks of the `teams` section against the rest of the config: once teams are declared,
// every app and job runs in a namespace a team owns and fits that namespace's quota; a
// team's namespace is an application namespace; an IAM principal gets one access entry.
import { parseQuantity } from "../quantities";
import { isSystemNamespace } from "../systemNamespaces";
import type { PathIssue } from "./base";
import type { CoreSettings } from "./core";
import { TeamConfig, teamOwnershipIssues } from "./teams";

export function teamIssues(config: CoreSettings, addonNamespaces: ReadonlyMap<string, string>): PathIssue[] {
    if (config.teams.length === 0) {
        return [];
    }
    return [
        ...teamOwnershipIssues(config.teams),
        ...teamNamespaceIssues(config.teams, addonNamespaces),
        ...unownedWorkloadIssues(config),
        ...duplicatePrincipalIssues(config),
        ...quotaIssues(config),
    ];
}

/** The team owning each namespace. */
export function namespaceOwners(teams: readonly TeamConfig[]): Map<string, TeamConfig> {
    return new Map(teams.flatMap((team) => team.namespaces.map((namespace) => [namespace, team] as const)));
}

function teamNamespaceIssues(teams: readonly TeamConfig[], addonNamespaces: ReadonlyMap<string, string>): PathIssue[] {
    return teams.flatMap((team, index) =>
        team.namespaces.flatMap((namespace, at): PathIssue[] => {
            const path = ["teams", index, "namespaces", at];
            if (isSystemNamespace(namespace)) {
                return [{ path, message: `'${namespace}' belongs to Kubernetes itself; a team owns application namespaces only` }];
            }
            const key = addonNamespaces.get(namespace);
            return key ? [{ path, message: `'${namespace}' is the ${key} namespace (namespaces.${key}); a team owns application namespaces only` }] : [];
        }),
    );
}

function unownedWorkloadIssues(config: CoreSettings): PathIssue[] {
    const owners = namespaceOwners(config.teams);
    const owned = [...owners.keys()].join(", ");
    return (["apps", "jobs"] as const).flatMap((section) =>
        config[section].flatMap((workload, index): PathIssue[] => {
            const namespace = workload.namespace ?? config.namespaces.apps;
            if (owners.has(namespace)) {
                return [];
            }
            const how = workload.namespace === undefined ? `runs in namespaces.apps ('${namespace}')` : `'${namespace}'`;
            return [
                {
                    path: [section, index, "namespace"],
                    message: `${how} is owned by no team; set the namespace of a team (${owned}) or add it to a team's namespaces`,
                },
            ];
        }),
    );
}

/** EKS has one access entry per principal: a team member is in one team and is not a cluster admin. */
function duplicatePrincipalIssues(config: CoreSettings): PathIssue[] {
    const seen = new Map<string, string>();
    if (config.cluster.type === "eks") {
        config.cluster.adminPrincipalArns.forEach((arn, index) => seen.set(arn, `cluster.adminPrincipalArns[${index}]`));
    }
    return config.teams.flatMap((team, index) =>
        team.members.flatMap((arn, at): PathIssue[] => {
            const first = seen.get(arn);
            seen.set(arn, first ?? `teams[${index}].members[${at}]`);
            return first
                ? [{ path: ["teams", index, "members", at], message: `'${arn}' is already given at ${first}; a principal has one access entry, in one team` }]
                : [];
        }),
    );
}

type QuotaKey = "requestsCpu" | "requestsMemory" | "limitsCpu" | "limitsMemory";
const QUOTA_FIELDS: readonly { key: QuotaKey; side: "requests" | "limits"; kind: "cpu" | "memory" }[] = [
    { key: "requestsCpu", side: "requests", kind: "cpu" },
    { key: "requestsMemory", side: "requests", kind: "memory" },
    { key: "limitsCpu", side: "limits", kind: "cpu" },
    { key: "limitsMemory", side: "limits", kind: "memory" },
];

/**
 * The ResourceQuota admits no pod past its hard limits: the workloads of a namespace, in
 * config order, at their starting replica count (apps) or one pod (jobs), must fit. The
 * first workload that overflows is named.
 */
function quotaIssues(config: CoreSettings): PathIssue[] {
    const owners = namespaceOwners(config.teams);
    const used = new Map<string, Record<QuotaKey | "pods", number>>();
    const workloads = [
        ...config.apps.map((app, index) => ({ section: "apps", index, workload: app, pods: Math.max(app.replicas.min, app.replicas.initial ?? 0) })),
        ...config.jobs.map((job, index) => ({ section: "jobs", index, workload: job, pods: 1 })),
    ];
    return workloads.flatMap(({ section, index, workload, pods }): PathIssue[] => {
        const namespace = workload.namespace ?? config.namespaces.apps;
        const team = owners.get(namespace);
        if (!team) {
            return [];
        }
        const total = used.get(namespace) ?? { requestsCpu: 0, requestsMemory: 0, limitsCpu: 0, limitsMemory: 0, pods: 0 };
        const issues: PathIssue[] = [];
        total.pods += pods;
        if (total.pods > team.quota.pods) {
            issues.push({
                path: section === "apps" ? [section, index, "replicas"] : [section, index],
                message: `${pods} pod(s) take namespace '${namespace}' to ${total.pods} pods, above team '${team.name}' quota.pods ${team.quota.pods}`,
            });
        }
        for (const { key, side, kind } of QUOTA_FIELDS) {
            total[key] += (parseQuantity(workload.resources[side][kind]) ?? 0) * pods;
            const hard = parseQuantity(team.quota[key]) ?? Infinity;
            // Sums of decimal quantities carry float error: 3 × 0.1 is not above 0.3.
            if (total[key] > hard * (1 + 1e-9)) {
                issues.push({
                    path: [section, index, "resources", side, kind],
                    message: `${pods} × ${workload.resources[side][kind]} takes namespace '${namespace}' past team '${team.name}' quota.${key} ${team.quota[key]}; raise the quota or lower the ${side}`,
                });
            }
        }
        used.set(namespace, total);
        return issues;
    });
}
