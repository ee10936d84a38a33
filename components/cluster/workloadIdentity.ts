// How a service account of the EKS cluster gets AWS credentials: EKS Pod Identity (an
// association per service account, served by the eks-pod-identity-agent add-on) or IRSA
// (the cluster's OIDC provider and an annotation on the service account). Either way the
// role is the same resource with the same name, so moving a stack between the two updates
// the role's trust and the bindings, and nothing else. This module loads @pulumi/aws.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import type { WorkloadIdentityMode } from "../../stacks/schema/cluster";
import { podIdentityTrustPolicy, serviceAccountTrustPolicy } from "./eksPolicies";

/** The pod annotation that names the mode: credentials are injected when a pod is created, so a switch must restart the pods. */
export const WORKLOAD_IDENTITY_ANNOTATION = "platform.k8s-app-platform.io/workload-identity";
/** The service account annotation IRSA's webhook reads (amazon-eks-pod-identity-webhook README). */
export const IRSA_ROLE_ANNOTATION = "eks.amazonaws.com/role-arn";

export interface ServiceAccountRoleArgs {
    /** Namespace of the one service account that may use the role. */
    namespace: string;
    /** Name of that service account. */
    serviceAccount: string;
    /** AWS-managed or customer-managed policies attached to the role. */
    managedPolicyArns?: pulumi.Input<string>[];
    /** An IAM policy document (JSON) attached inline. */
    inlinePolicy?: pulumi.Input<string>;
    /** AWS tags of the role and the association. */
    tags: Record<string, string>;
}

export interface ServiceAccountRole {
    role: aws.iam.Role;
    /** The role, every policy attached to it and the binding: what must exist before the service account's pods start. */
    ready: pulumi.Resource[];
    /** What the service account carries: IRSA's role annotation, nothing under Pod Identity. */
    serviceAccountAnnotations: Record<string, pulumi.Input<string>>;
    /** What the service account's pods carry: the mode, so a switch rolls them onto the new credentials. */
    podAnnotations: Record<string, string>;
}

/** What a chart is given for the service account and its pods. */
export type ServiceAccountCredentials = Pick<ServiceAccountRole, "serviceAccountAnnotations" | "podAnnotations">;

/** What an EKS managed add-on takes to give its service account a role (aws.eks.AddonArgs). */
export type EksAddonIdentity = Pick<aws.eks.AddonArgs, "serviceAccountRoleArn" | "podIdentityAssociations">;

export interface WorkloadIdentityArgs {
    /** Pod Identity or IRSA (the stack's cluster.workloadIdentity, podIdentity by default). */
    mode: WorkloadIdentityMode;
    /** The EKS cluster's name, which each association names. */
    clusterName: pulumi.Input<string>;
    /** The EKS cluster's ARN, to which Pod Identity trusts are scoped. */
    clusterArn: pulumi.Input<string>;
    /** ARN of the cluster's IAM OIDC provider, which IRSA roles trust. */
    oidcProviderArn: pulumi.Input<string>;
    /** Its issuer URL, with or without `https://`: the prefix of the token claims IRSA trusts check. */
    oidcProviderUrl: pulumi.Input<string>;
    /** What must run before a Pod Identity association serves credentials: the agent add-on. */
    agent?: pulumi.Resource;
}

export class WorkloadIdentity {
    constructor(private readonly args: WorkloadIdentityArgs) {}

    /** A role that one service account may assume, bound to it the mode's way (for Helm releases and apps). Children of `parent`, named from `name`. */
    serviceAccountRole(name: string, args: ServiceAccountRoleArgs, parent: pulumi.Resource): ServiceAccountRole {
        const { role, ready } = this.role(name, args, parent);
        const podAnnotations = { [WORKLOAD_IDENTITY_ANNOTATION]: this.args.mode };
        if (this.args.mode === "irsa") {
            return { role, ready, serviceAccountAnnotations: { [IRSA_ROLE_ANNOTATION]: role.arn }, podAnnotations };
        }
        const association = new aws.eks.PodIdentityAssociation(
            `${name}-pod-identity`,
            { clusterName: this.args.clusterName, namespace: args.namespace, serviceAccount: args.serviceAccount, roleArn: role.arn, tags: args.tags },
            { parent, dependsOn: this.args.agent ? [this.args.agent] : [] },
        );
        return { role, ready: [...ready, association, settled(name, association, parent)], serviceAccountAnnotations: {}, podAnnotations };
    }

    /** A role for an EKS managed add-on, and the add-on arguments that bind it (the add-on owns the association). */
    eksAddonRole(name: string, args: ServiceAccountRoleArgs, parent: pulumi.Resource): { ready: pulumi.Resource[]; identity: EksAddonIdentity } {
        const { role, ready } = this.role(name, args, parent);
        const identity: EksAddonIdentity =
            this.args.mode === "irsa"
                ? { serviceAccountRoleArn: role.arn }
                : { podIdentityAssociations: [{ serviceAccount: args.serviceAccount, roleArn: role.arn }] };
        return { ready, identity };
    }

    private role(name: string, args: ServiceAccountRoleArgs, parent: pulumi.Resource): { role: aws.iam.Role; ready: pulumi.Resource[] } {
        const { clusterArn, oidcProviderArn, oidcProviderUrl } = this.args;
        const assumeRolePolicy =
            this.args.mode === "irsa"
                ? pulumi.all([oidcProviderArn, oidcProviderUrl]).apply(([arn, url]) => serviceAccountTrustPolicy(arn, url, args.namespace, args.serviceAccount))
                : pulumi.output(clusterArn).apply((arn) => podIdentityTrustPolicy(arn, args.namespace, args.serviceAccount));
        const role = new aws.iam.Role(`${name}-role`, { assumeRolePolicy, tags: args.tags }, { parent });
        const attachments = (args.managedPolicyArns ?? []).map(
            (policyArn, index) =>
                new aws.iam.RolePolicyAttachment(index === 0 ? `${name}-policy` : `${name}-policy-${index + 1}`, { role: role.name, policyArn }, { parent }),
        );
        const inline = args.inlinePolicy ? [new aws.iam.RolePolicy(`${name}-inline-policy`, { role: role.id, policy: args.inlinePolicy }, { parent })] : [];
        return { role, ready: [role, ...attachments, ...inline] };
    }
}

/** How long a new association may take to be effective ("several seconds", EKS API reference, CreatePodIdentityAssociation). */
export const ASSOCIATION_SETTLE_SECONDS = 20;

/**
 * Waits, once, after an association is created: EKS injects credentials into a pod only when it is
 * created, so a pod that starts before the association is effective runs without them until it
 * restarts. The provider runs `create` with /bin/sh -c (pulumi-command
 * provider/pkg/provider/local/commandController.go), once: with the association, on the first `up`
 * or a switch to Pod Identity.
 */
function settled(name: string, association: aws.eks.PodIdentityAssociation, parent: pulumi.Resource): pulumi.Resource {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: only Pod Identity stacks load the command provider
    const command = require("@pulumi/command") as typeof import("@pulumi/command");
    return new command.local.Command(`${name}-pod-identity-settle`, { create: `sleep ${ASSOCIATION_SETTLE_SECONDS}` }, { parent, dependsOn: [association] });
}
