// An EKS API endpoint open to the whole internet is one leaked credential away from the
// cluster: a public endpoint must name the networks that may reach it. EKS defaults
// publicAccessCidrs to 0.0.0.0/0 when the endpoint is public and none are given.
import { blockSize, coveredAddresses, MIN_PUBLIC_ACCESS_PREFIX, parseCidr } from "../../stacks/cidrCoverage";
import type { ResourceRule } from "../rule";
import { EKS_CLUSTER_TYPE } from "./eksSecretsEncryption";

/** Blocks that together cover more than one /8 of either family count as open, however they are split (0.0.0.0/1 + 128.0.0.0/1). */
function isOpen(cidrs: readonly unknown[]): boolean {
    const blocks = cidrs.map((cidr) => parseCidr(String(cidr)));
    if (blocks.some((block) => block === undefined)) {
        return true;
    }
    const parsed = blocks.filter((block) => block !== undefined);
    return ([4, 6] as const).some((family) => coveredAddresses(parsed, family) > blockSize(MIN_PUBLIC_ACCESS_PREFIX, family));
}

export const eksPublicEndpointRestricted: ResourceRule = {
    name: "eks-public-endpoint-restricted",
    description: "An EKS cluster's public API endpoint is off, or limited to named networks (publicAccessCidrs covering no more than a /8, however split).",
    check: (resource) => {
        if (resource.type !== EKS_CLUSTER_TYPE || resource.inputs.endpointPublicAccess === false) {
            return [];
        }
        const cidrs = resource.inputs.publicAccessCidrs;
        const open = !Array.isArray(cidrs) || cidrs.length === 0 || isOpen(cidrs);
        return open
            ? [
                  `publicAccessCidrs opens the public API endpoint to the whole internet, or more of it than a /${MIN_PUBLIC_ACCESS_PREFIX} (0.0.0.0/0, or blocks that add up to it); set cluster.endpoint.publicAccessCidrs to your networks, or cluster.endpoint.publicAccess to false`,
              ]
            : [];
    },
};
