// Schema of the `teams` section: each team owns namespaces, with a quota and default
// container resources per namespace, and access for its members limited to them.
import * as v from "valibot";

import { parseQuantity } from "../quantities";
import { crossCheck, int32AtLeast, object, oneOf, PathIssue, withDefault } from "./base";
import { iamPrincipalArn } from "./cluster";
import { cpuQuantity, dnsLabel, memoryQuantity } from "./primitives";

/** What a team's namespaces may hold in all, per namespace (a ResourceQuota's hard limits). */
const quota = object({
    requestsCpu: withDefault(cpuQuantity, "4"),
    requestsMemory: withDefault(memoryQuantity, "8Gi"),
    limitsCpu: withDefault(cpuQuantity, "8"),
    limitsMemory: withDefault(memoryQuantity, "16Gi"),
    pods: withDefault(int32AtLeast(1, "must be at least 1", "must be an integer"), 50),
});

const computeResources = object({ cpu: cpuQuantity, memory: memoryQuantity });

/** Requests and limits a container gets when it sets none (a LimitRange's defaults); the API refuses a default request above its default limit. */
const containerDefaults = v.pipe(
    object({
        defaultRequest: withDefault(computeResources, { cpu: "100m", memory: "128Mi" }),
        default: withDefault(computeResources, { cpu: "500m", memory: "256Mi" }),
    }),
    crossCheck((value): PathIssue[] =>
        (["cpu", "memory"] as const).flatMap((kind): PathIssue[] =>
            (parseQuantity(value.defaultRequest[kind]) ?? 0) > (parseQuantity(value.default[kind]) ?? Infinity)
                ? [{ path: ["defaultRequest", kind], message: `request ${value.defaultRequest[kind]} is above the default ${value.default[kind]}` }]
                : [],
        ),
    ),
);

/** A Kubernetes RBAC group name as the API server receives it from the authenticator. */
const groupName = v.pipe(
    v.string(),
    v.regex(/^[^\s:][^\s]*$/, "must be a group name without spaces, e.g. team-backend"),
    v.check((name) => !name.startsWith("system:"), "must not be a system: group"),
);

export const team = object({
    name: dnsLabel,
    /** The namespaces the team owns; the platform creates each (restricted). */
    namespaces: v.pipe(v.array(dnsLabel), v.minLength(1, "must name at least one namespace the team owns")),
    /** What members may do in the team's namespaces: the built-in `edit` or `view` role. */
    access: withDefault(oneOf(["edit", "view"]), "edit"),
    /** On kind and existing clusters: the group bound in each namespace (default `team-<name>`). */
    group: v.optional(groupName),
    /** On EKS: the IAM roles or users of the team, each given an access entry scoped to the team's namespaces. */
    members: withDefault(v.array(iamPrincipalArn), []),
    quota: withDefault(quota, {}),
    limits: withDefault(containerDefaults, {}),
});

export const teams = withDefault(v.array(team), []);

export type TeamConfig = v.InferOutput<typeof team>;

/** The group a team's members are bound as on kind and existing clusters. */
export function teamGroup(team: TeamConfig): string {
    return team.group ?? `team-${team.name}`;
}

/** A team name and a namespace each belong to one team only. */
export function teamOwnershipIssues(teamList: readonly TeamConfig[]): PathIssue[] {
    const names = new Map<string, number>();
    const owners = new Map<string, string>();
    const issues: PathIssue[] = [];
    teamList.forEach((entry, index) => {
        if (names.has(entry.name)) {
            issues.push({ path: ["teams", index, "name"], message: `'${entry.name}' is already teams[${names.get(entry.name)}]; team names must be unique` });
        }
        names.set(entry.name, names.get(entry.name) ?? index);
        entry.namespaces.forEach((namespace, at) => {
            const owner = owners.get(namespace);
            if (owner) {
                issues.push({
                    path: ["teams", index, "namespaces", at],
                    message: `'${namespace}' is already owned by team '${owner}'; a namespace belongs to one team`,
                });
            }
            owners.set(namespace, owner ?? entry.name);
        });
    });
    return issues;
}
