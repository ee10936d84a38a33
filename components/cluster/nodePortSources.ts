// Where NodePort traffic comes from, as a NetworkPolicy ipBlock. Traffic that enters
// through a node port reaches the pod from an address outside the pod network (the
// host's, through kind's port mapping, or a node's once kube-proxy forwards it to a pod
// on another node), so a policy that admits only pods drops it. kind's kindnetd enforces
// NetworkPolicy with kube-network-policies, which judges packets in POSTROUTING before
// SNAT (kube-network-policies v1.1.1 pkg/dataplane/controller.go:521-531).
import type * as k8s from "@pulumi/kubernetes";
import type { ClusterConfig } from "../../stacks/schema/cluster";

/** kind's pod subnet when its config sets none (kind v0.32.0 pkg/apis/config/v1alpha4/default.go:51-52); the platform sets none. */
export const KIND_POD_SUBNET = "10.244.0.0/16";

/** Every address outside the pod network: on kind its pod subnet is known; elsewhere it is not, so any address. */
export function nodePortSources(cluster: ClusterConfig): k8s.types.input.networking.v1.IPBlock {
    return cluster.type === "kind" ? { cidr: "0.0.0.0/0", except: [KIND_POD_SUBNET] } : { cidr: "0.0.0.0/0" };
}
