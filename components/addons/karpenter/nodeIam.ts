// The IAM role of the nodes Karpenter launches (upstream's KarpenterNodeRole,
// cloudformation.yaml:8-26 at aws/karpenter-provider-aws@v1.14.1). Two deliberate
// differences: no AmazonEKS_CNI_Policy, because the VPC CNI runs with an IAM role of its
// own (components/cluster/eksCluster.ts), and SSM only where the stack turns it on for all
// nodes (cluster.nodeSsmAccess), as for the managed node groups.
import type { AwsScope } from "./awsScope";

/** AWS managed policies of the node role by short name. */
export function nodePolicyNames(ssmAccess: boolean): Record<string, string> {
    return {
        "worker-node": "AmazonEKSWorkerNodePolicy",
        // Pull only: nodes never push or list repositories (cfn :24 uses PullOnly, not ReadOnly).
        "ecr-pull": "AmazonEC2ContainerRegistryPullOnly",
        ...(ssmAccess ? { ssm: "AmazonSSMManagedInstanceCore" } : {}),
    };
}

/** The ARN of an AWS managed policy in the cluster's partition. */
export const managedPolicyArn = (scope: AwsScope, policyName: string) => `arn:${scope.partition}:iam::aws:policy/${policyName}`;

/** EC2 instances assume it (cfn :13-20: Service ec2.${AWS::URLSuffix}). */
export function nodeTrustPolicy(scope: AwsScope): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: `ec2.${scope.urlSuffix}` }, Action: ["sts:AssumeRole"] }],
    });
}

/**
 * The node role's EKS access entry type: EC2_LINUX lets the kubelet join as system:nodes
 * (upstream's e2e creates it so, test/pkg/environment/aws/expectations.go:790-797); such an
 * entry takes no access policies.
 */
export const NODE_ACCESS_ENTRY_TYPE = "EC2_LINUX";
