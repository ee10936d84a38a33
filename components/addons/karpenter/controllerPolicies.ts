// The Karpenter controller's IAM policies: the six managed policies of upstream's
// CloudFormation template (aws/karpenter-provider-aws@v1.14.1
// website/content/en/docs/getting-started/getting-started-with-karpenter/cloudformation.yaml:27-380),
// statement for statement, with its placeholders filled from the cluster. Conditions on
// kubernetes.io/cluster/<name>, eks:eks-cluster-name and karpenter.sh/nodepool confine the
// controller to the instances, launch templates and instance profiles it tagged itself.
import type { AwsScope } from "./awsScope";

export interface ControllerPolicyInputs {
    readonly scope: AwsScope;
    readonly clusterName: string;
    /** The role of the nodes Karpenter launches: the only role it may pass to EC2. */
    readonly nodeRoleArn: string;
    /** The interruption queue it reads. */
    readonly queueArn: string;
}

type Statement = Record<string, unknown>;
export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: Statement[];
}

/** The six policies by their short name (upstream's ManagedPolicyName is `KarpenterController<Name>Policy-<cluster>`). */
export function controllerPolicies(inputs: ControllerPolicyInputs): Record<ControllerPolicyName, PolicyDocument> {
    return {
        NodeLifecycle: document(nodeLifecycle(inputs)),
        IAMIntegration: document(iamIntegration(inputs)),
        EKSIntegration: document(eksIntegration(inputs)),
        Interruption: document(interruption(inputs)),
        ZonalShift: document(zonalShift(inputs)),
        ResourceDiscovery: document(resourceDiscovery(inputs)),
    };
}

export const CONTROLLER_POLICY_NAMES = ["NodeLifecycle", "IAMIntegration", "EKSIntegration", "Interruption", "ZonalShift", "ResourceDiscovery"] as const;
export type ControllerPolicyName = (typeof CONTROLLER_POLICY_NAMES)[number];

const document = (statements: Statement[]): PolicyDocument => ({ Version: "2012-10-17", Statement: statements });

function nodeLifecycle({ scope, clusterName }: ControllerPolicyInputs): Statement[] {
    const ec2 = (resource: string) => `arn:${scope.partition}:ec2:${scope.region}:${resource}`;
    const owned = `kubernetes.io/cluster/${clusterName}`;
    const launched = ["fleet/*", "instance/*", "volume/*", "network-interface/*", "launch-template/*", "spot-instances-request/*"].map((type) =>
        ec2(`*:${type}`),
    );
    return [
        {
            Sid: "AllowScopedEC2InstanceAccessActions",
            Effect: "Allow",
            Resource: [
                ec2(":image/*"),
                ec2(":snapshot/*"),
                ec2("*:security-group/*"),
                ec2("*:subnet/*"),
                ec2("*:capacity-reservation/*"),
                ec2("*:placement-group/*"),
            ],
            Action: ["ec2:RunInstances", "ec2:CreateFleet"],
        },
        {
            Sid: "AllowScopedEC2LaunchTemplateAccessActions",
            Effect: "Allow",
            Resource: ec2("*:launch-template/*"),
            Action: ["ec2:RunInstances", "ec2:CreateFleet"],
            Condition: { StringEquals: { [`aws:ResourceTag/${owned}`]: "owned" }, StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" } },
        },
        {
            Sid: "AllowScopedEC2InstanceActionsWithTags",
            Effect: "Allow",
            Resource: launched,
            Action: ["ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"],
            Condition: {
                StringEquals: { [`aws:RequestTag/${owned}`]: "owned", "aws:RequestTag/eks:eks-cluster-name": clusterName },
                StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
            },
        },
        {
            Sid: "AllowScopedResourceCreationTagging",
            Effect: "Allow",
            Resource: launched,
            Action: "ec2:CreateTags",
            Condition: {
                StringEquals: {
                    [`aws:RequestTag/${owned}`]: "owned",
                    "aws:RequestTag/eks:eks-cluster-name": clusterName,
                    "ec2:CreateAction": ["RunInstances", "CreateFleet", "CreateLaunchTemplate"],
                },
                StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
            },
        },
        {
            Sid: "AllowScopedResourceTagging",
            Effect: "Allow",
            Resource: ec2("*:instance/*"),
            Action: "ec2:CreateTags",
            Condition: {
                StringEquals: { [`aws:ResourceTag/${owned}`]: "owned" },
                StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
                StringEqualsIfExists: { "aws:RequestTag/eks:eks-cluster-name": clusterName },
                "ForAllValues:StringEquals": { "aws:TagKeys": ["eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name"] },
            },
        },
        {
            Sid: "AllowScopedDeletion",
            Effect: "Allow",
            Resource: [ec2("*:instance/*"), ec2("*:launch-template/*")],
            Action: ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"],
            Condition: { StringEquals: { [`aws:ResourceTag/${owned}`]: "owned" }, StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" } },
        },
    ];
}

function iamIntegration({ scope, clusterName, nodeRoleArn }: ControllerPolicyInputs): Statement[] {
    const profiles = `arn:${scope.partition}:iam::${scope.accountId}:instance-profile/*`;
    const owned = `kubernetes.io/cluster/${clusterName}`;
    return [
        {
            Sid: "AllowPassingInstanceRole",
            Effect: "Allow",
            Resource: nodeRoleArn,
            Action: "iam:PassRole",
            Condition: { StringEquals: { "iam:PassedToService": ["ec2.amazonaws.com", "ec2.amazonaws.com.cn"] } },
        },
        {
            Sid: "AllowScopedInstanceProfileCreationActions",
            Effect: "Allow",
            Resource: profiles,
            Action: ["iam:CreateInstanceProfile"],
            Condition: {
                StringEquals: {
                    [`aws:RequestTag/${owned}`]: "owned",
                    "aws:RequestTag/eks:eks-cluster-name": clusterName,
                    "aws:RequestTag/topology.kubernetes.io/region": scope.region,
                },
                StringLike: { "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*" },
            },
        },
        {
            Sid: "AllowScopedInstanceProfileTagActions",
            Effect: "Allow",
            Resource: profiles,
            Action: ["iam:TagInstanceProfile"],
            Condition: {
                StringEquals: {
                    [`aws:ResourceTag/${owned}`]: "owned",
                    "aws:ResourceTag/topology.kubernetes.io/region": scope.region,
                    [`aws:RequestTag/${owned}`]: "owned",
                    "aws:RequestTag/eks:eks-cluster-name": clusterName,
                    "aws:RequestTag/topology.kubernetes.io/region": scope.region,
                },
                StringLike: { "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*", "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*" },
            },
        },
        {
            Sid: "AllowScopedInstanceProfileActions",
            Effect: "Allow",
            Resource: profiles,
            Action: ["iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:DeleteInstanceProfile"],
            Condition: {
                StringEquals: { [`aws:ResourceTag/${owned}`]: "owned", "aws:ResourceTag/topology.kubernetes.io/region": scope.region },
                StringLike: { "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*" },
            },
        },
    ];
}

const clusterArnOf = ({ scope, clusterName }: ControllerPolicyInputs) => `arn:${scope.partition}:eks:${scope.region}:${scope.accountId}:cluster/${clusterName}`;

/** eks:DescribeCluster finds the API endpoint, so settings.clusterEndpoint stays unset (pkg/operator/operator.go:301-312). */
function eksIntegration(inputs: ControllerPolicyInputs): Statement[] {
    return [{ Sid: "AllowAPIServerEndpointDiscovery", Effect: "Allow", Resource: clusterArnOf(inputs), Action: "eks:DescribeCluster" }];
}

function interruption({ queueArn }: ControllerPolicyInputs): Statement[] {
    return [
        { Sid: "AllowInterruptionQueueActions", Effect: "Allow", Resource: queueArn, Action: ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"] },
    ];
}

function zonalShift(inputs: ControllerPolicyInputs): Statement[] {
    return [
        {
            Sid: "AllowZonalShiftStatusReadOnly",
            Effect: "Allow",
            Resource: "*",
            Action: ["arc-zonal-shift:GetManagedResource"],
            Condition: { StringEquals: { "arc-zonal-shift:ResourceIdentifier": clusterArnOf(inputs) } },
        },
    ];
}

function resourceDiscovery({ scope }: ControllerPolicyInputs): Statement[] {
    return [
        {
            Sid: "AllowRegionalReadActions",
            Effect: "Allow",
            Resource: "*",
            Action: [
                "ec2:DescribeCapacityReservations",
                "ec2:DescribeImages",
                "ec2:DescribeInstances",
                "ec2:DescribeInstanceStatus",
                "ec2:DescribeInstanceTypeOfferings",
                "ec2:DescribeInstanceTypes",
                "ec2:DescribeLaunchTemplates",
                "ec2:DescribePlacementGroups",
                "ec2:DescribeSecurityGroups",
                "ec2:DescribeSpotPriceHistory",
                "ec2:DescribeSubnets",
            ],
            Condition: { StringEquals: { "aws:RequestedRegion": scope.region } },
        },
        {
            Sid: "AllowSSMReadActions",
            Effect: "Allow",
            Resource: `arn:${scope.partition}:ssm:${scope.region}::parameter/aws/service/*`,
            Action: "ssm:GetParameter",
        },
        { Sid: "AllowPricingReadActions", Effect: "Allow", Resource: "*", Action: "pricing:GetProducts" },
        { Sid: "AllowUnscopedInstanceProfileListAction", Effect: "Allow", Resource: "*", Action: "iam:ListInstanceProfiles" },
        {
            Sid: "AllowInstanceProfileReadActions",
            Effect: "Allow",
            Resource: `arn:${scope.partition}:iam::${scope.accountId}:instance-profile/*`,
            Action: "iam:GetInstanceProfile",
        },
    ];
}
