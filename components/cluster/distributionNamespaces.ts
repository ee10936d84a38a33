// The namespaces a cluster distribution runs its own components in, besides Kubernetes' own
// (kube-system, kube-public, kube-node-lease). The platform neither owns nor labels what
// runs there, so its admission policies leave them alone.
import type { ClusterConfig } from "../../stacks/schema/cluster";

/**
 * kind: the local-path provisioner and the helper pods it starts for every volume (hostPath,
 * root, no requests) run in local-path-storage (kind v0.32.0
 * pkg/build/nodeimage/const_storage.go:35-46, 107-161, 199-213); its CNI and kube-proxy run in
 * kube-system. EKS: its managed add-ons run in kube-system. An existing cluster: unknown, so
 * none (list them in admissionPolicy.exemptNamespaces).
 */
export const DISTRIBUTION_NAMESPACES: Record<ClusterConfig["type"], readonly string[]> = {
    kind: ["local-path-storage"],
    eks: [],
    existing: [],
};
