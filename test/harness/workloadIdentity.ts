// What a planned IAM role's trust policy lets assume it, read the way STS does, in either
// workload identity mode, and the stack config that switches a stack between the modes.
import { readStackFile } from "../../offline/stackFile";
import type { WorkloadIdentityMode } from "../../stacks/schema/cluster";
import { PROJECT_ROOT, type Resources } from "./evaluateStack";
import { T } from "./resourceTypes";

export interface Trust {
    mode: WorkloadIdentityMode;
    /** `namespace:serviceAccount` of each service account the role trusts. */
    serviceAccounts: string[];
    /** The cluster the trust is scoped to: its ARN (Pod Identity) or its OIDC issuer (IRSA). */
    scopes: string[];
}

interface Statement {
    Effect: string;
    Principal: { Service?: string; Federated?: string };
    Action: string | string[];
    Condition?: { StringEquals?: Record<string, string> };
}

/**
 * Pod Identity: pods.eks.amazonaws.com with sts:AssumeRole and sts:TagSession, scoped by the session tags it
 * sets (EKS user guide pod-id-role.adoc, pod-id-abac.adoc). IRSA: the OIDC provider with
 * sts:AssumeRoleWithWebIdentity, scoped by the token's sub and aud (iam-roles-for-service-accounts.adoc).
 */
export function trustOf(assumeRolePolicy: string): Trust {
    const statements = (JSON.parse(assumeRolePolicy) as { Statement: Statement[] }).Statement;
    const modes = new Set<WorkloadIdentityMode>();
    const serviceAccounts: string[] = [];
    const scopes: string[] = [];
    for (const statement of statements) {
        const actions = [statement.Action].flat();
        const equals = statement.Condition?.StringEquals ?? {};
        if (statement.Principal.Service === "pods.eks.amazonaws.com" && actions.includes("sts:AssumeRole") && actions.includes("sts:TagSession")) {
            modes.add("podIdentity");
            serviceAccounts.push(`${equals["aws:RequestTag/kubernetes-namespace"]}:${equals["aws:RequestTag/kubernetes-service-account"]}`);
            scopes.push(equals["aws:RequestTag/eks-cluster-arn"]);
        } else if (statement.Principal.Federated && actions.includes("sts:AssumeRoleWithWebIdentity")) {
            modes.add("irsa");
            const issuer = Object.keys(equals)
                .find((key) => key.endsWith(":sub"))!
                .slice(0, -":sub".length);
            if (equals[`${issuer}:aud`] !== "sts.amazonaws.com") {
                throw new Error(`the IRSA trust does not require the audience sts.amazonaws.com: ${assumeRolePolicy}`);
            }
            serviceAccounts.push(equals[`${issuer}:sub`].replace(/^system:serviceaccount:/, ""));
            scopes.push(issuer);
        }
    }
    if (modes.size !== 1) {
        throw new Error(`expected a trust of one workload identity mode, found ${[...modes].join(", ") || "none"}: ${assumeRolePolicy}`);
    }
    return { mode: [...modes][0], serviceAccounts, scopes };
}

/** The config of a stack file with its cluster's workloadIdentity set, for evaluateStackFile and runPlan. */
export function withWorkloadIdentity(stack: string, mode: WorkloadIdentityMode): Record<string, string> {
    const cluster = JSON.parse(readStackFile(PROJECT_ROOT, stack).config["platform:cluster"]) as Record<string, unknown>;
    return { "platform:cluster": JSON.stringify({ ...cluster, workloadIdentity: mode }) };
}

export interface RoleBinding extends Trust {
    /** `namespace:serviceAccount` of each Pod Identity association (its own, or an EKS add-on's in kube-system) that names the role. */
    associated: string[];
}

/** How the plan binds the IAM role `<name>-role`: whom its trust admits, and which associations name it. */
export function roleBinding(plan: Resources, name: string): RoleBinding {
    const roleArn = `arn:aws:iam::123456789012:role/${name}-role`;
    const standalone = plan
        .ofType(T.podIdentityAssociation)
        .map((association) => association.inputs as { namespace: string; serviceAccount: string; roleArn: string })
        .filter((association) => association.roleArn === roleArn)
        .map((association) => `${association.namespace}:${association.serviceAccount}`);
    const ofAddons = plan
        .ofType(T.addon)
        .flatMap((addon) => (addon.inputs as { podIdentityAssociations?: { serviceAccount: string; roleArn: string }[] }).podIdentityAssociations ?? [])
        .filter((association) => association.roleArn === roleArn)
        .map((association) => `kube-system:${association.serviceAccount}`);
    return {
        ...trustOf(String((plan.get(T.role, `${name}-role`).inputs as { assumeRolePolicy: string }).assumeRolePolicy)),
        associated: [...standalone, ...ofAddons],
    };
}

/** The ARN the mocks give the prod stack's EKS cluster (offline/mockOutputs.ts). */
export const CLUSTER_ARN = "arn:aws:eks:us-east-1:123456789012:cluster/platform-prod";

/** The binding of a role that Pod Identity gives to one service account (`namespace:name`) of the prod cluster, and to it only. */
export function boundByPodIdentity(serviceAccount: string): RoleBinding {
    return { mode: "podIdentity", serviceAccounts: [serviceAccount], scopes: [CLUSTER_ARN], associated: [serviceAccount] };
}
