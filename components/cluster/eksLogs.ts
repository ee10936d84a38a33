// Where the cluster's logs go, with a retention: the control-plane log group, created
// before the cluster (EKS writes to /aws/eks/<cluster>/cluster and would otherwise create
// it with no expiry), and the VPC's flow logs to a log group of their own.
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { accountOfArn, flowLogsDeliveryPolicy, flowLogsTrustPolicy } from "./eksPolicies";

export interface ClusterLogsArgs {
    clusterName: string;
    vpcId: pulumi.Input<string>;
    retentionDays: number;
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
    const flowLogGroup = new aws.cloudwatch.LogGroup("flow-logs", { name: `/aws/vpc/${clusterName}/flow-logs`, retentionInDays: retentionDays, tags }, { parent });
    const role = new aws.iam.Role("flow-logs-role", { assumeRolePolicy: flowLogGroup.arn.apply((arn) => flowLogsTrustPolicy(accountOfArn(arn))), tags }, { parent });
    const delivery = new aws.iam.RolePolicy("flow-logs-delivery", { role: role.id, policy: flowLogGroup.arn.apply(flowLogsDeliveryPolicy) }, { parent });
    new aws.ec2.FlowLog(
        "flow-logs",
        { vpcId: args.vpcId, trafficType: "ALL", logDestinationType: "cloud-watch-logs", logDestination: flowLogGroup.arn, iamRoleArn: role.arn, maxAggregationInterval: 600, tags },
        { parent, dependsOn: [delivery] },
    );
    return controlPlane;
}
