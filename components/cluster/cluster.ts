// What every cluster variant gives the rest of the platform: a union discriminated by
// `clusterType`, so code that runs on EKS only (an add-on whose runsOn is ["eks"]) gets the
// EKS fields without checking for them.
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

import type { EksClusterConfig } from "../../stacks/schema/cluster";
import type { WorkloadIdentity } from "./workloadIdentity";

interface ClusterBase {
    /** The explicit provider every Kubernetes resource of the platform uses. */
    provider: k8s.Provider;
    /** The cluster's name as its owner knows it (kind cluster, EKS cluster or kubeconfig context). */
    name: pulumi.Output<string>;
    /** A kubeconfig for the cluster (secret), where the platform created it. */
    kubeconfig?: pulumi.Output<string>;
    /** Resources that must be ready before workloads run (node groups, add-ons, loaded images). */
    readiness?: pulumi.Resource[];
}

/** A kind cluster, or one the user already has. */
export interface LocalOrExistingCluster extends ClusterBase {
    readonly clusterType: "kind" | "existing";
}

/** An EKS cluster the platform created. */
export interface EksCluster extends ClusterBase {
    readonly clusterType: "eks";
    /** The stack's cluster config section. */
    readonly config: EksClusterConfig;
    readiness: pulumi.Resource[];
    /** Creates IAM roles that one service account of the cluster may assume, bound by Pod Identity or IRSA (cluster.workloadIdentity). */
    readonly workloadIdentity: WorkloadIdentity;
    /** The cluster's VPC and region, which controllers that cannot reach the instance metadata (hop limit 1) are told. */
    readonly aws: { readonly vpcId: pulumi.Output<string>; readonly region: pulumi.Output<string> };
    /** What a node provisioner (Karpenter) needs to launch nodes beside the managed node groups. */
    readonly nodeProvisioning: NodeProvisioning;
}

export type Cluster = LocalOrExistingCluster | EksCluster;

/** The tag key node provisioners discover the cluster's node subnets and security group by; its value is the cluster's name. */
export const NODE_DISCOVERY_TAG = "karpenter.sh/discovery";

/**
 * The node label every managed node group puts on its nodes, valued with the group's name in
 * the stack config. EKS names groups with a digest of their create-only fields
 * (nodeGroupName.ts), so `eks.amazonaws.com/nodegroup` changes when a group is replaced; this
 * label does not, and pods pinned to the system pool stay schedulable on the replacement.
 */
export const NODE_GROUP_LABEL = "platform.k8s-app-platform.io/node-group";

export interface NodeProvisioning {
    /** The EKS cluster's name, also the value of the NODE_DISCOVERY_TAG. */
    clusterName: pulumi.Output<string>;
    /** Its ARN: partition, region and account of everything the provisioner's IAM policies scope. */
    clusterArn: pulumi.Output<string>;
    /** The security group of the managed node groups' nodes (EKS's cluster security group), tagged NODE_DISCOVERY_TAG. */
    nodeSecurityGroupId: pulumi.Output<string>;
    /** The private subnets the nodes run in, tagged NODE_DISCOVERY_TAG. */
    privateSubnetIds: pulumi.Output<string[]>;
    /** The managed node groups' names in the stack config (the system pool), the values of NODE_GROUP_LABEL on their nodes. */
    nodeGroupNames: string[];
}
