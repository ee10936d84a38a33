// The stack's teams: per namespace a team owns, a ResourceQuota and a LimitRange, and the
// team's access (a RoleBinding on kind and existing clusters, EKS access entries on EKS).
// The namespaces themselves (restricted) and their network baseline come from the
// Namespaces and Workloads components, like every application namespace's. Every child
// is named after its team and namespace, so adding or removing a team touches no other.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import type { TeamConfig } from "../../stacks/schema/teams";
import { workloadLabels } from "../workloads/labels";
import { roleBinding } from "./access";
import { limitRangeSpec, resourceQuotaSpec } from "./namespacePolicy";

export interface TeamsArgs {
    /** The stack's `teams`, defaults applied: each one's namespaces, quota, limits and access. */
    teams: readonly TeamConfig[];
    /** The stack's environment (`platform:environment`): the `env` label of the quotas, limit ranges and bindings. */
    environment: string;
    /** On EKS: the cluster the access entries belong to. Elsewhere access is a RoleBinding. */
    eksClusterName?: pulumi.Input<string>;
    /** The platform's namespaces by name: each team's are among them. */
    namespaceResources: Readonly<Record<string, k8s.core.v1.Namespace>>;
    /** The cluster's Kubernetes provider. */
    provider: k8s.Provider;
}

export class Teams extends pulumi.ComponentResource {
    constructor(name: string, args: TeamsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:teams:Teams", name, {}, opts);
        for (const team of args.teams) {
            for (const namespace of team.namespaces) {
                this.namespacePolicy(team, namespace, args);
            }
            if (args.eksClusterName !== undefined) {
                // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: keeps the AWS SDKs off the kind and existing paths
                const { eksTeamAccess } = require("./eksAccess") as typeof import("./eksAccess");
                eksTeamAccess(team, args.eksClusterName, this);
            }
        }
        this.registerOutputs({ teams: args.teams.map((team) => team.name) });
    }

    private namespacePolicy(team: TeamConfig, namespace: string, args: TeamsArgs): void {
        const opts = { parent: this, provider: args.provider, dependsOn: [args.namespaceResources[namespace]] };
        const metadata = {
            namespace,
            labels: { ...workloadLabels(`team-${team.name}`, args.environment, "team"), "platform.k8s-app-platform.io/team": team.name },
        };
        new k8s.core.v1.ResourceQuota(`${namespace}-quota`, { metadata: { ...metadata, name: "team-quota" }, spec: resourceQuotaSpec(team.quota) }, opts);
        new k8s.core.v1.LimitRange(`${namespace}-limits`, { metadata: { ...metadata, name: "team-limits" }, spec: limitRangeSpec(team.limits) }, opts);
        if (args.eksClusterName === undefined) {
            const binding = roleBinding(team, namespace);
            // roleRef cannot change in place: switching edit/view replaces the binding of the same name.
            new k8s.rbac.v1.RoleBinding(
                `${namespace}-access`,
                { ...binding, metadata: { ...binding.metadata, labels: metadata.labels } },
                { ...opts, deleteBeforeReplace: true },
            );
        }
    }
}
