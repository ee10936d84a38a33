// IAM trust and managed policies of the EKS cluster's nodes and add-ons (pure data).

/**
 * The nodes' role. The CNI policy is not on it: vpc-cni has a role of its own
 * (VPC_CNI_POLICY_ARN). SSM Session Manager access is opt-in (cluster.nodeSsmAccess).
 */
export function nodePolicyArns(ssmAccess: boolean): Record<string, string> {
    return {
        "worker-node": "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
        "ecr-read": "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
        ...(ssmAccess ? { ssm: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" } : {}),
    };
}

/**
 * Lets VPC Flow Logs deliver to CloudWatch Logs, on behalf of this account only: the service
 * principal alone would also act for flow logs of other accounts (the confused deputy the
 * VPC user guide's flow-logs IAM role example closes with aws:SourceAccount).
 */
export function flowLogsTrustPolicy(accountId: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "vpc-flow-logs.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:SourceAccount": accountId } },
            },
        ],
    });
}

/** The account of an ARN (arn:<partition>:<service>:<region>:<account>:<resource>). */
export function accountOfArn(arn: string): string {
    return arn.split(":")[4];
}

/** What VPC Flow Logs needs on its log group (the AWS user guide's flow-logs-cwl policy, scoped to the group). */
export function flowLogsDeliveryPolicy(logGroupArn: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"],
                Resource: [logGroupArn, `${logGroupArn}:*`],
            },
        ],
    });
}

/** What the VPC CNI (the aws-node DaemonSet) needs to attach ENIs and assign pod IPs. */
export const VPC_CNI_POLICY_ARN = "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy";

export const EBS_CSI_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy";

export function ec2TrustPolicy(): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
}

/**
 * EKS Pod Identity: the pods.eks.amazonaws.com principal assumes the role with session tags
 * (sts:TagSession), and the conditions on those tags let it do so only for this service
 * account of this cluster, as scoped as IRSA's sub (EKS user guide, pod-id-role.adoc "Setting
 * Conditions"; the tags in pod-id-abac.adoc). Needs session tags on (the association's
 * disableSessionTags false, its default).
 */
export function podIdentityTrustPolicy(clusterArn: string, namespace: string, serviceAccount: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "pods.eks.amazonaws.com" },
                Action: ["sts:AssumeRole", "sts:TagSession"],
                Condition: {
                    StringEquals: {
                        "aws:RequestTag/eks-cluster-arn": clusterArn,
                        "aws:RequestTag/kubernetes-namespace": namespace,
                        "aws:RequestTag/kubernetes-service-account": serviceAccount,
                    },
                },
            },
        ],
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
