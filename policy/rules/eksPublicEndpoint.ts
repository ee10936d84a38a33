// An EKS API endpoint open to the whole internet is one leaked credential away from the
// cluster: a public endpoint must name the networks that may reach it. EKS defaults
// publicAccessCidrs to 0.0.0.0/0 when the endpoint is public and none are given.
import type { ResourceRule } from "../rule";
import { EKS_CLUSTER_TYPE } from "./eksSecretsEncryption";

const OPEN = ["0.0.0.0/0", "::/0"];

export const eksPublicEndpointRestricted: ResourceRule = {
    name: "eks-public-endpoint-restricted",
    description: "An EKS cluster's public API endpoint is off, or limited to named networks (publicAccessCidrs without 0.0.0.0/0).",
    check: (resource) => {
        if (resource.type !== EKS_CLUSTER_TYPE || resource.inputs.endpointPublicAccess === false) {
            return [];
        }
        const cidrs = resource.inputs.publicAccessCidrs;
        const open = !Array.isArray(cidrs) || cidrs.length === 0 || cidrs.some((cidr) => OPEN.includes(String(cidr)));
        return open
            ? ["publicAccessCidrs opens the public API endpoint to the whole internet (0.0.0.0/0); set cluster.endpoint.publicAccessCidrs to your networks, or cluster.endpoint.publicAccess to false"]
            : [];
    },
};
