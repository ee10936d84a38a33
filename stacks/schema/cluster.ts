// Schemas of the cluster the platform runs on: a local kind cluster, an existing
// kubeconfig context, or AWS EKS. The `type` field selects the variant.
import { z } from "zod";
import { instanceArchitecture } from "../instanceTypes";
import { dnsLabel, imageReference, port } from "./primitives";

/** kind v0.33.0's node image for Kubernetes 1.37.0; kind requires the digest-pinned image built for its release. */
export const KIND_NODE_IMAGE = "kindest/node:v1.37.0@sha256:a1ed56cfb0e7b93589bdf97c8cd566405a265939e3620fc4f5de89adff580ae5";

/** Kubernetes versions in EKS standard or extended support when this list was last reviewed. */
export const EKS_KUBERNETES_VERSIONS = ["1.33", "1.34", "1.35", "1.36"] as const;
export const DEFAULT_EKS_KUBERNETES_VERSION = "1.35";

const kindCluster = z.strictObject({
    type: z.literal("kind"),
    name: dnsLabel.optional(),
    nodeImage: imageReference.default(KIND_NODE_IMAGE),
    workers: z.int().min(0, "must be 0 or more").max(10, "must be at most 10").default(1),
    portMappings: z
        .array(z.strictObject({ containerPort: port, hostPort: port, protocol: z.enum(["TCP", "UDP"]).default("TCP") }))
        .default([]),
    loadImages: z.array(imageReference).default([]),
});

const existingCluster = z.strictObject({
    type: z.literal("existing"),
    context: z.string().min(1, "must name a kubeconfig context"),
    kubeconfigPath: z.string().optional(),
});

const INSTANCE_TYPE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*\.(nano|micro|small|medium|large|\d*xlarge|metal(-\d+xl)?)$/;
const IPV4_CIDR = /^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)\/(\d|[12]\d|3[0-2])$/;
const cidr = z.string().regex(IPV4_CIDR, "must be an IPv4 CIDR block such as 10.0.0.0/16");

const nodeGroup = z
    .strictObject({
        name: dnsLabel,
        instanceTypes: z
            .array(z.string().regex(INSTANCE_TYPE, "must be an EC2 instance type such as t3.large or m7i.xlarge"))
            .min(1, "must list at least one instance type"),
        capacityType: z.enum(["ON_DEMAND", "SPOT"]).default("ON_DEMAND"),
        minSize: z.int().min(0, "must be 0 or more"),
        maxSize: z.int().min(1, "must be at least 1"),
        desiredSize: z.int().min(0, "must be 0 or more"),
        diskSizeGiB: z.int().min(20, "must be at least 20").max(16384, "must be at most 16384").default(50),
        labels: z.record(z.string(), z.string()).default({}),
    })
    .superRefine((group, ctx) => {
        const architectures = new Set(group.instanceTypes.map(instanceArchitecture));
        if (architectures.size > 1) {
            ctx.addIssue({ code: "custom", path: ["instanceTypes"], message: "mixes arm64 and x86_64 instance types; one node group runs one AMI architecture" });
        }
        if (group.minSize > group.maxSize) {
            ctx.addIssue({ code: "custom", path: ["minSize"], message: `minSize (${group.minSize}) is above maxSize (${group.maxSize})` });
        } else if (group.desiredSize < group.minSize || group.desiredSize > group.maxSize) {
            ctx.addIssue({ code: "custom", path: ["desiredSize"], message: `desiredSize (${group.desiredSize}) is outside minSize..maxSize (${group.minSize}..${group.maxSize})` });
        }
    });

const eksCluster = z.strictObject({
    type: z.literal("eks"),
    name: dnsLabel.optional(),
    kubernetesVersion: z
        .enum(EKS_KUBERNETES_VERSIONS, { error: `must be a Kubernetes version EKS supports: ${EKS_KUBERNETES_VERSIONS.join(", ")}` })
        .default(DEFAULT_EKS_KUBERNETES_VERSION),
    vpc: z
        .strictObject({
            cidrBlock: cidr.default("10.0.0.0/16"),
            availabilityZones: z.int().min(2, "must be at least 2 (EKS needs subnets in two zones)").max(6, "must be at most 6").default(3),
            /** One NAT gateway per zone survives a zone outage; a single one halves the cost of non-production stacks. */
            natGateways: z.enum(["single", "onePerAz"]).default("onePerAz"),
        })
        .prefault({}),
    endpoint: z
        .strictObject({
            publicAccess: z.boolean().default(true),
            privateAccess: z.boolean().default(true),
            publicAccessCidrs: z.array(cidr).default(["0.0.0.0/0"]),
        })
        .prefault({}),
    authenticationMode: z.enum(["API", "API_AND_CONFIG_MAP"]).default("API"),
    logTypes: z
        .array(z.enum(["api", "audit", "authenticator", "controllerManager", "scheduler"]))
        .default(["api", "audit", "authenticator"]),
    nodeGroups: z.array(nodeGroup).min(1, "must define at least one node group"),
    /** Protects the VPC, cluster, encryption key and registries from `pulumi destroy` and replacement. */
    protect: z.boolean().default(true),
    registry: z
        .strictObject({
            keepTaggedImages: z.int().min(1, "must keep at least 1 image").default(30),
            untaggedExpiryDays: z.int().min(1, "must be at least 1 day").default(7),
        })
        .prefault({}),
}).superRefine((eks, ctx) => {
    const seen = new Set<string>();
    eks.nodeGroups.forEach((group, index) => {
        if (seen.has(group.name)) {
            ctx.addIssue({ code: "custom", path: ["nodeGroups", index, "name"], message: `'${group.name}' is already used by another node group` });
        }
        seen.add(group.name);
    });
});

export const cluster = z.discriminatedUnion("type", [kindCluster, existingCluster, eksCluster], {
    error: (issue) =>
        issue.code === "invalid_union" ? "must have a type of 'kind', 'existing' or 'eks'" : undefined,
});

export type ClusterConfig = z.output<typeof cluster>;
export type KindClusterConfig = z.output<typeof kindCluster>;
export type ExistingClusterConfig = z.output<typeof existingCluster>;
export type EksClusterConfig = z.output<typeof eksCluster>;
export type NodeGroupConfig = z.output<typeof nodeGroup>;
