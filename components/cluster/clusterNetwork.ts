// What NetworkPolicies need to know of the cluster's network, per cluster type: the
// addresses outside the pod network (where node-port traffic comes from) and the
// addresses outside the cluster that workloads may reach (never the instance metadata
// service, whose credentials are the node's IAM role).
//
// Traffic that enters through a node port reaches the pod from an address outside the pod
// network (the host's through kind's port mapping, or a node's once kube-proxy forwards it
// to a pod on another node), so a policy that admits only pods drops it. kind's kindnetd
// enforces NetworkPolicy with kube-network-policies, which judges packets in POSTROUTING
// before SNAT (kube-network-policies v1.1.1 pkg/dataplane/controller.go:521-531).
import type * as k8s from "@pulumi/kubernetes";

import type { ClusterConfig } from "../../stacks/schema/cluster";

type IPBlock = k8s.types.input.networking.v1.IPBlock;

/** kind's pod subnet when its config sets none (kind v0.32.0 pkg/apis/config/v1alpha4/default.go:51-52); the platform sets none. */
export const KIND_POD_SUBNET = "10.244.0.0/16";

/** The EC2 instance metadata service (IPv4; the VPC is IPv4-only, so its IPv6 address fd00:ec2::254 does not apply). */
export const INSTANCE_METADATA = "169.254.169.254/32";

export interface ClusterNetwork {
    /** Every address outside the pod network: where node-port traffic comes from. */
    outsidePods: IPBlock;
    /** Addresses outside the cluster a workload may reach: not the pods' network (kind: pod subnet; EKS: the VPC, which holds the pods' IPs), not the metadata service. */
    external: IPBlock;
}

export function clusterNetwork(cluster: ClusterConfig): ClusterNetwork {
    switch (cluster.type) {
        case "kind":
            return {
                outsidePods: { cidr: "0.0.0.0/0", except: [KIND_POD_SUBNET] },
                external: { cidr: "0.0.0.0/0", except: [KIND_POD_SUBNET, INSTANCE_METADATA] },
            };
        case "eks":
            return { outsidePods: { cidr: "0.0.0.0/0" }, external: { cidr: "0.0.0.0/0", except: [cluster.vpc.cidrBlock, INSTANCE_METADATA] } };
        case "existing":
            // The pod network of someone else's cluster is unknown.
            return { outsidePods: { cidr: "0.0.0.0/0" }, external: { cidr: "0.0.0.0/0", except: [INSTANCE_METADATA] } };
    }
}
