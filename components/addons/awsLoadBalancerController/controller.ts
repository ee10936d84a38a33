// The AWS Load Balancer Controller in kube-system with its IAM role. This module loads
// @pulumi/aws through the role factory; only EKS stacks require it.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import type { EksCluster } from "../../cluster";
import { platformRelease } from "../../helmRelease";
import { AWS_LOAD_BALANCER_CONTROLLER_CHART } from "./charts";
import type { AwsLoadBalancerControllerConfig } from "./config";
import { loadBalancerControllerPolicy } from "./iamPolicy";
import { loadBalancerControllerValues, SERVICE_ACCOUNT } from "./values";

export const CONTROLLER_NAMESPACE = "kube-system";

export interface LoadBalancerControllerArgs {
    /** The `awsLoadBalancerController` config section, defaults applied (`replicas`, 2 by default in the stack config). */
    readonly config: AwsLoadBalancerControllerConfig;
    /** The EKS cluster: its name, region and VPC for the chart, its workload identity for the role, its readiness before the release. */
    readonly cluster: EksCluster;
    /** AWS tags of the controller's IAM role. */
    readonly tags: Record<string, string>;
    /** The cluster's Kubernetes provider. */
    readonly provider: k8s.Provider;
}

export class LoadBalancerController extends pulumi.ComponentResource {
    public readonly release: k8s.helm.v3.Release;

    constructor(name: string, args: LoadBalancerControllerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:awsLoadBalancerController:LoadBalancerController", name, {}, opts);
        const { cluster } = args;
        const role = cluster.workloadIdentity.serviceAccountRole(
            name,
            { namespace: CONTROLLER_NAMESPACE, serviceAccount: SERVICE_ACCOUNT, inlinePolicy: loadBalancerControllerPolicy(), tags: args.tags },
            this,
        );
        this.release = platformRelease(
            `${name}-release`,
            {
                chart: AWS_LOAD_BALANCER_CONTROLLER_CHART,
                releaseName: "aws-load-balancer-controller",
                namespace: CONTROLLER_NAMESPACE,
                values: loadBalancerControllerValues({
                    config: args.config,
                    clusterName: cluster.name,
                    region: cluster.aws.region,
                    vpcId: cluster.aws.vpcId,
                    credentials: role,
                }),
                timeoutSeconds: 600,
            },
            // The role and its policy exist before the pods assume it; the pods need nodes.
            { parent: this, provider: args.provider, dependsOn: [...role.ready, ...(cluster.readiness ?? [])] },
        );
        this.registerOutputs({ roleArn: role.role.arn });
    }
}
