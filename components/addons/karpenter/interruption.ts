// What tells Karpenter that an instance is about to go: an SQS queue fed by EventBridge
// rules for spot interruptions, rebalance recommendations, instance state changes, AWS
// Health scheduled changes and capacity-reservation interruptions, so it drains the node
// and launches a replacement before the instance disappears. Patterns and the queue policy
// are upstream's (cloudformation.yaml:381-464 at aws/karpenter-provider-aws@v1.14.1).

/** The controller reads the queue by name (settings.interruptionQueue); upstream names it after the cluster (cfn :383). */
export const interruptionQueueName = (clusterName: string) => clusterName;

/** cfn :384-385: messages older than five minutes describe events already past. */
export const INTERRUPTION_QUEUE = { messageRetentionSeconds: 300, sqsManagedSseEnabled: true } as const;

/** The target id upstream gives every rule's queue target (cfn :418 etc.). */
export const QUEUE_TARGET_ID = "KarpenterInterruptionQueueTarget";

export interface InterruptionRule {
    /** Child-name suffix of the rule. */
    readonly key: string;
    readonly description: string;
    readonly eventPattern: { source: string[]; "detail-type": string[] };
}

export const INTERRUPTION_RULES: readonly InterruptionRule[] = [
    {
        key: "scheduled-change",
        description: "AWS Health scheduled changes to the cluster's instances",
        eventPattern: { source: ["aws.health"], "detail-type": ["AWS Health Event"] },
    },
    {
        key: "spot-interruption",
        description: "Two-minute spot interruption warnings",
        eventPattern: { source: ["aws.ec2"], "detail-type": ["EC2 Spot Instance Interruption Warning"] },
    },
    {
        key: "rebalance",
        description: "Spot rebalance recommendations",
        eventPattern: { source: ["aws.ec2"], "detail-type": ["EC2 Instance Rebalance Recommendation"] },
    },
    {
        key: "instance-state-change",
        description: "Instances stopping or terminating outside Karpenter",
        eventPattern: { source: ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"] },
    },
    {
        key: "capacity-reservation-interruption",
        description: "Capacity reservation interruption warnings",
        eventPattern: { source: ["aws.ec2"], "detail-type": ["EC2 Capacity Reservation Instance Interruption Warning"] },
    },
];

/** EventBridge (and SQS itself) may send to the queue; nothing may use it over plain HTTP (cfn :387-409). */
export function interruptionQueuePolicy(queueArn: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Id: "EC2InterruptionPolicy",
        Statement: [
            { Effect: "Allow", Principal: { Service: ["events.amazonaws.com", "sqs.amazonaws.com"] }, Action: "sqs:SendMessage", Resource: queueArn },
            { Sid: "DenyHTTP", Effect: "Deny", Action: "sqs:*", Resource: queueArn, Condition: { Bool: { "aws:SecureTransport": "false" } }, Principal: "*" },
        ],
    });
}
