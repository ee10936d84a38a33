// A team's access on EKS: per member principal an access entry, and the EKS access
// policy matching the team's `access` (edit or view) scoped to the team's namespaces.
// Loaded only for EKS stacks, so kind and existing stacks never load the AWS packages.
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

import type { TeamConfig } from "../../stacks/schema/teams";
import { eksAccessPolicyArn, memberResourceName } from "./access";

export function eksTeamAccess(team: TeamConfig, clusterName: pulumi.Input<string>, parent: pulumi.Resource): void {
    for (const principalArn of team.members) {
        const name = memberResourceName(team, principalArn);
        const entry = new aws.eks.AccessEntry(name, { clusterName, principalArn, type: "STANDARD" }, { parent });
        new aws.eks.AccessPolicyAssociation(
            name,
            {
                clusterName,
                principalArn,
                policyArn: eksAccessPolicyArn(principalArn, team.access),
                accessScope: { type: "namespace", namespaces: [...team.namespaces] },
            },
            // EKS associates a policy with an existing entry only; destroy removes the association first.
            { parent, dependsOn: [entry] },
        );
    }
}
