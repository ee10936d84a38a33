// Values of the aws-load-balancer-controller chart (3.5.0).
// - clusterName (required: templates/deployment.yaml:67), region and vpcId (--aws-region,
//   --aws-vpc-id: deployment.yaml:73, 77): given, because the nodes' IMDS answers one hop
//   only, so the controller's pods cannot look them up (docs/deploy/installation.md:34-42).
// - serviceAccount: a fixed name, which its role (bound by Pod Identity or IRSA) trusts exactly.
// - enableServiceMutatorWebhook false: the webhook mservice.elbv2.k8s.aws sees every Service
//   CREATE in the cluster with failurePolicy Fail and no namespaceSelector (values.yaml:485-511,
//   templates/webhook.yaml:104-146), so while the controller is not ready no Service could be
//   created anywhere (apps, monitoring, Flux); and it would set loadBalancerClass behind Envoy
//   Gateway's back (envoyproxy/gateway#1793). The proxy Service names the class itself.
// - securityContext: the chart leaves out capabilities and seccomp (values.yaml:48-57); the
//   container template renders .Values.securityContext whole (deployment.yaml:235-236).
import type * as pulumi from "@pulumi/pulumi";

import type { ServiceAccountCredentials } from "../../cluster/workloadIdentity";
import type { AwsLoadBalancerControllerConfig } from "./config";

export const SERVICE_ACCOUNT = "aws-load-balancer-controller";

export interface ControllerValuesArgs {
    /** The `awsLoadBalancerController` config section, defaults applied: `replicas` sets the chart's replicaCount. */
    readonly config: AwsLoadBalancerControllerConfig;
    /** Name of the EKS cluster (the chart requires it). */
    readonly clusterName: pulumi.Input<string>;
    /** AWS region of the cluster (`--aws-region`): the pods cannot read it from the instance metadata. */
    readonly region: pulumi.Input<string>;
    /** ID of the cluster's VPC (`--aws-vpc-id`), for the same reason. */
    readonly vpcId: pulumi.Input<string>;
    /** How the controller's service account and pods get its role: the annotations the chart puts on each. */
    readonly credentials: ServiceAccountCredentials;
}

export function loadBalancerControllerValues(args: ControllerValuesArgs): Record<string, unknown> {
    return {
        clusterName: args.clusterName,
        region: args.region,
        vpcId: args.vpcId,
        replicaCount: args.config.replicas,
        serviceAccount: { create: true, name: SERVICE_ACCOUNT, annotations: args.credentials.serviceAccountAnnotations },
        podAnnotations: args.credentials.podAnnotations,
        enableServiceMutatorWebhook: false,
        securityContext: {
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            allowPrivilegeEscalation: false,
            capabilities: { drop: ["ALL"] },
            seccompProfile: { type: "RuntimeDefault" },
        },
    };
}
