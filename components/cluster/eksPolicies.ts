// IAM trust and managed policies of the EKS cluster's nodes and add-ons (pure data).

export const NODE_POLICY_ARNS: Record<string, string> = {
    "worker-node": "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
    cni: "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
    "ecr-read": "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
    ssm: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
};

export const EBS_CSI_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy";

export function ec2TrustPolicy(): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
}

/** IAM Roles for Service Accounts: only this service account of this cluster's OIDC issuer may assume the role. */
export function serviceAccountTrustPolicy(oidcProviderArn: string, oidcProviderUrl: string, namespace: string, serviceAccount: string): string {
    const issuer = oidcProviderUrl.replace(/^https:\/\//, "");
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Federated: oidcProviderArn },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: {
                    StringEquals: {
                        [`${issuer}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
                        [`${issuer}:aud`]: "sts.amazonaws.com",
                    },
                },
            },
        ],
    });
}
