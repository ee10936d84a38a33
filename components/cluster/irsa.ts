// IAM roles for service accounts (IRSA): a role that only one service account of this
// cluster's OIDC issuer may assume, with managed policies and, optionally, an inline
// policy of its own. This module loads @pulumi/aws; EKS add-ons get it as a factory.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serviceAccountTrustPolicy } from "./eksPolicies";

export interface OidcIssuer {
    /** ARN of the cluster's IAM OIDC provider. */
    providerArn: pulumi.Input<string>;
    /** Its URL, with or without `https://`. */
    providerUrl: pulumi.Input<string>;
}

export interface IrsaRoleArgs {
    /** Namespace of the only service account allowed to assume the role (the trust policy's `sub` condition). */
    namespace: string;
    /** Name of that service account. */
    serviceAccount: string;
    /** ARNs of managed IAM policies attached to the role, one attachment each. Unset: none. */
    managedPolicyArns?: pulumi.Input<string>[];
    /** An IAM policy document (JSON) attached inline. */
    inlinePolicy?: pulumi.Input<string>;
    /** AWS tags of the role. */
    tags: Record<string, string>;
}

export interface IrsaRole {
    role: aws.iam.Role;
    /** The role and every policy attached to it: what must exist before the service account uses the role. */
    ready: pulumi.Resource[];
}

/** Creates IRSA roles as children of `parent`; child names start with `name`. */
export type IrsaRoleFactory = (name: string, args: IrsaRoleArgs, parent: pulumi.Resource) => IrsaRole;

export function irsaRoleFactory(issuer: OidcIssuer): IrsaRoleFactory {
    return (name, args, parent) => {
        const role = new aws.iam.Role(
            `${name}-role`,
            {
                assumeRolePolicy: pulumi
                    .all([issuer.providerArn, issuer.providerUrl])
                    .apply(([arn, url]) => serviceAccountTrustPolicy(arn, url, args.namespace, args.serviceAccount)),
                tags: args.tags,
            },
            { parent },
        );
        const attachments = (args.managedPolicyArns ?? []).map(
            (policyArn, index) => new aws.iam.RolePolicyAttachment(index === 0 ? `${name}-policy` : `${name}-policy-${index + 1}`, { role: role.name, policyArn }, { parent }),
        );
        const inline = args.inlinePolicy ? [new aws.iam.RolePolicy(`${name}-inline-policy`, { role: role.id, policy: args.inlinePolicy }, { parent })] : [];
        return { role, ready: [role, ...attachments, ...inline] };
    };
}
