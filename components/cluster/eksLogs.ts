// Where the cluster's logs go, with a retention: the control-plane log group, created
// before the cluster (EKS writes to /aws/eks/<cluster>/cluster and would otherwise create
// it with no expiry), and the VPC's flow logs to a log group of their own.
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

import { accountOfArn, flowLogsDeliveryPolicy, flowLogsTrustPolicy } from "./eksPolicies";

export interface ClusterLogsArgs {
    /** Name of the EKS cluster: the log groups are `/aws/eks/<it>/cluster` and `/aws/vpc/<it>/flow-logs`. */
    clusterName: string;
    /** ID of the VPC whose flow logs (all traffic) are recorded. */
    vpcId: pulumi.Input<string>;
    /** Days CloudWatch keeps both log groups (`cluster.logRetentionDays`, 90 by default in the stack config). */
    retentionDays: number;
    /** AWS tags of the log groups, the flow log and its IAM role. */
    tags: Record<string, string>;
}

/** Returns the control-plane log group, which the cluster must be created after. */
export function clusterLogs(args: ClusterLogsArgs, parent: pulumi.Resource): aws.cloudwatch.LogGroup {
    const { clusterName, retentionDays, tags } = args;
    const controlPlane = new aws.cloudwatch.LogGroup(
        "control-plane-logs",
        { name: `/aws/eks/${clusterName}/cluster`, retentionInDays: retentionDays, tags },
        { parent },
    );
    const flowLogGroup = new aws.cloudwatch.LogGroup(
        "flow-logs",
        { name: `/aws/vpc/${clusterName}/flow-logs`, retentionInDays: retentionDays, tags },
        { parent },
    );
    const role = new aws.iam.Role(
        "flow-logs-role",
        { assumeRolePolicy: flowLogGroup.arn.apply((arn) => flowLogsTrustPolicy(accountOfArn(arn))), tags },
        { parent },
    );
    const delivery = new aws.iam.RolePolicy("flow-logs-delivery", { role: role.id, policy: flowLogGroup.arn.apply(flowLogsDeliveryPolicy) }, { parent });
    new aws.ec2.FlowLog(
        "flow-logs",
        {
            vpcId: args.vpcId,
            trafficType: "ALL",
            logDestinationType: "cloud-watch-logs",
            logDestination: flowLogGroup.arn,
            iamRoleArn: role.arn,
            maxAggregationInterval: 600,
            tags,
        },
        { parent, dependsOn: [delivery] },
    );
    return controlPlane;
}
