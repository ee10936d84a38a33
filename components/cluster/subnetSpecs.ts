// The VPC's subnets with the role tags the AWS Load Balancer Controller discovers them by:
// `kubernetes.io/role/elb` on the public subnets (internet-facing load balancers) and
// `kubernetes.io/role/internal-elb` on the private ones (aws-load-balancer-controller
// v3.5.0 docs/deploy/subnet_discovery.md:21-34). No cluster tag: LBC >= 2.1.1 does not need
// one, and a cluster tag naming another cluster would exclude the subnet (l.45-55).
//
// Giving awsx subnet specs replaces its defaults, so these repeat them exactly: the "Auto"
// strategy's default is a Private then a Public subnet per zone, with netmasks
// max(azBits, 16) + 1 and + 2, where azBits is the VPC's netmask plus ceil(log2(zones))
// (pulumi-awsx v3.8.0 awsx/ec2/subnetDistributorNew.ts:134, 203-204, 255-276, 286-291;
// unchanged at e60adf3c, which has 3.9.0's AutoMerge strategy). Same types, order and
// masks allocate the same CIDR blocks under the same names, so no subnet is replaced.
import type * as awsx from "@pulumi/awsx";

export const PUBLIC_ELB_TAG = "kubernetes.io/role/elb";
export const INTERNAL_ELB_TAG = "kubernetes.io/role/internal-elb";

/** The subnet specs of the cluster's VPC: awsx's default layout, with the load balancer role tags. */
export function vpcSubnetSpecs(cidrBlock: string, availabilityZones: number): awsx.types.input.ec2.SubnetSpecArgs[] {
    const vpcBits = Number(cidrBlock.split("/")[1]);
    const azBits = vpcBits + (availabilityZones > 0 ? Math.ceil(Math.log2(availabilityZones)) : 0);
    const base = Math.max(azBits, 16);
    return [
        { type: "Private", cidrMask: base + 1, tags: { [INTERNAL_ELB_TAG]: "1" } },
        { type: "Public", cidrMask: base + 2, tags: { [PUBLIC_ELB_TAG]: "1" } },
    ];
}
