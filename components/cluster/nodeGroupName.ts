// The EKS name of a managed node group. CapacityType, InstanceTypes and AmiType are create-only
// (AWS::EKS::Nodegroup resource schema, createOnlyProperties; so is NodegroupName): a change
// replaces the group, and Pulumi creates the replacement before deleting the old one. Under one
// fixed name EKS refuses that second group (ResourceInUseException), so the name carries a
// digest of those fields: a replacement gets a new name, an in-place update keeps it.
import { createHash } from "node:crypto";

/** The create-only fields of a node group that the stack config decides. */
export interface NodeGroupIdentity {
    name: string;
    instanceTypes: readonly string[];
    capacityType: string;
    amiType: string;
}

/** Length of the digest suffix, with its dash; EKS takes node group names of at most 63 characters. */
export const NODE_GROUP_NAME_SUFFIX_LENGTH = 9;

export function eksNodeGroupName(group: NodeGroupIdentity): string {
    const createOnly = JSON.stringify([group.capacityType, group.amiType, group.instanceTypes]);
    return `${group.name}-${createHash("sha256")
        .update(createOnly)
        .digest("hex")
        .slice(0, NODE_GROUP_NAME_SUFFIX_LENGTH - 1)}`;
}
