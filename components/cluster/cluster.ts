// What every cluster variant gives the rest of the platform.
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { IrsaRoleFactory } from "./irsa";

export interface Cluster {
    /** The explicit provider every Kubernetes resource of the platform uses. */
    provider: k8s.Provider;
    /** The cluster's name as its owner knows it (kind cluster, EKS cluster or kubeconfig context). */
    name: pulumi.Output<string>;
    /** A kubeconfig for the cluster (secret), where the platform created it. */
    kubeconfig?: pulumi.Output<string>;
    /** Resources that must be ready before workloads run (node groups, add-ons, loaded images). */
    readiness?: pulumi.Resource[];
    /** EKS: creates IAM roles that one service account of this cluster may assume (IRSA). */
    irsaRole?: IrsaRoleFactory;
    /** EKS: the cluster's VPC and region, which controllers that cannot reach the instance metadata (hop limit 1) are told. */
    aws?: { readonly vpcId: pulumi.Output<string>; readonly region: pulumi.Output<string> };
}
