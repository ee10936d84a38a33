// The VPC's subnets as awsx lays them out by default, with the tags controllers discover them by:
// - `kubernetes.io/role/elb` on the public subnets (internet-facing load balancers) and
//   `kubernetes.io/role/internal-elb` on the private ones (aws-load-balancer-controller
//   v3.5.0 docs/deploy/subnet_discovery.md:21-34). No cluster tag: LBC >= 2.1.1 does not need
//   one, and a cluster tag naming another cluster would exclude the subnet (l.45-55).
// - NODE_DISCOVERY_TAG on the private subnets, where Karpenter launches nodes.
//
// The "AutoMerge" strategy (awsx 3.9.0) merges specs that give only a type and tags into the
// default Private-then-Public layout, with the default masks: the same CIDR blocks under the
// same names, so no existing subnet is replaced (pulumi-awsx e60adf3c, after v3.8.0:
// awsx/ec2/subnetDistributorNew.ts:187-243 allocateSubnetCidrBlocksAutoMerge and
// mergeWithDefaultSubnetSpecs; subnetDistributorNew.test.ts:498 "should preserve default layout
// semantics"). An explicit cidrMask is not given: it would have to repeat awsx's arithmetic.
import type * as awsxInput from "@pulumi/awsx/types/input";
import type * as pulumi from "@pulumi/pulumi";

import { NODE_DISCOVERY_TAG } from "./cluster";

export const PUBLIC_ELB_TAG = "kubernetes.io/role/elb";
export const INTERNAL_ELB_TAG = "kubernetes.io/role/internal-elb";

/** The subnet specs of the cluster's VPC, for subnetStrategy "AutoMerge": awsx's default layout with the discovery tags. */
export function vpcSubnetSpecs(clusterName: pulumi.Input<string>): awsxInput.ec2.SubnetSpecArgs[] {
    return [
        { type: "Private", tags: { [INTERNAL_ELB_TAG]: "1", [NODE_DISCOVERY_TAG]: clusterName } },
        { type: "Public", tags: { [PUBLIC_ELB_TAG]: "1" } },
    ];
}
