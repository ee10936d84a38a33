// Partition, region and account of the cluster, read from its ARN: the IAM documents of the
// Karpenter add-on are scoped to them, as upstream's CloudFormation template scopes them to
// ${AWS::Partition}, ${AWS::Region} and ${AWS::AccountId}.

export interface AwsScope {
    readonly partition: string;
    readonly region: string;
    readonly accountId: string;
    /** The DNS suffix of the partition's service principals (${AWS::URLSuffix}). */
    readonly urlSuffix: string;
}

const ARN = /^arn:(aws[a-z-]*):eks:([a-z0-9-]+):(\d{12}):cluster\/[^/]+$/;

/** The scope of an EKS cluster ARN, e.g. arn:aws:eks:us-east-1:123456789012:cluster/platform-prod. */
export function clusterScope(clusterArn: string): AwsScope {
    const match = ARN.exec(clusterArn);
    if (!match) {
        throw new Error(`'${clusterArn}' is not an EKS cluster ARN`);
    }
    const [, partition, region, accountId] = match;
    return { partition, region, accountId, urlSuffix: partition.startsWith("aws-cn") ? "amazonaws.com.cn" : "amazonaws.com" };
}
