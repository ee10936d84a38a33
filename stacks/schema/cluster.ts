// Schemas of the cluster the platform runs on: a local kind cluster, an existing
// kubeconfig context, or AWS EKS. The `type` field selects the variant.
import * as v from "valibot";

import { NODE_GROUP_LABEL } from "../../components/cluster/cluster";
import KIND from "../../components/cluster/kind.json";
import { nodeImageFinding } from "../../components/cluster/kindNodeImage";
import { blockSize, canonicalForm, coveredAddresses, MIN_PUBLIC_ACCESS_PREFIX, parseCidr } from "../cidrCoverage";
import { instanceArchitecture } from "../instanceTypes";
import { checkWith, crossCheck, int, intAtLeast, intIn, object, oneOf, PathIssue, record, variant, withDefault } from "./base";
import { dnsLabel, imageReference, kubernetesVersion, port, scalarString } from "./primitives";

/**
 * The kind release the platform is tested with, and its default node image (kind
 * v0.32.0 pkg/apis/config/defaults/image.go:21): kind requires the digest-pinned image
 * built for its release. components/cluster/kind.json is the one place both are set; the
 * workflows read the version from it.
 */
export const KIND_VERSION = KIND.version;
export const KIND_NODE_IMAGE = KIND.nodeImage;

/** How service accounts get AWS credentials on EKS (components/cluster/workloadIdentity.ts). */
export const WORKLOAD_IDENTITY_MODES = ["podIdentity", "irsa"] as const;
export type WorkloadIdentityMode = (typeof WORKLOAD_IDENTITY_MODES)[number];

/** Kubernetes versions in EKS standard or extended support when this list was last reviewed. */
export const EKS_KUBERNETES_VERSIONS = ["1.33", "1.34", "1.35", "1.36"] as const;
export const DEFAULT_EKS_KUBERNETES_VERSION = "1.35";

/** The values CloudWatch Logs PutRetentionPolicy accepts for retentionInDays. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const IPV4 = /^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)$/;
const ipv4Address = v.pipe(v.string(), v.regex(IPV4, "must be an IPv4 address such as 127.0.0.1 (loopback) or 0.0.0.0 (every interface)"));
const IPV4_CIDR = /^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)\/(\d|[12]\d|3[0-2])$/;
const cidr = v.pipe(
    v.string(),
    v.regex(IPV4_CIDR, "must be an IPv4 CIDR block such as 10.0.0.0/16"),
    v.rawCheck(({ dataset, addIssue }) => {
        const block = dataset.typed ? parseCidr(dataset.value) : undefined;
        const canonical = block && canonicalForm(block);
        if (canonical) {
            // 1.1.1.1/0 reads like one address and means every address.
            addIssue({ message: `has host bits set: '${dataset.value}' is the block ${canonical}; write it as ${canonical}` });
        }
    }),
);
/** EC2 CreateVpc takes netmasks from /16 to /28. */
const vpcCidr = v.pipe(
    cidr,
    v.check((block) => {
        const prefix = Number(block.split("/")[1]);
        // A malformed block has its own message above.
        return !IPV4_CIDR.test(block) || (prefix >= 16 && prefix <= 28);
    }, "must have a netmask from /16 to /28 (what EC2 accepts for a VPC), e.g. 10.0.0.0/16"),
);

const kindCluster = v.strictObject({
    type: v.literal("kind"),
    name: v.optional(dnsLabel),
    nodeImage: withDefault(imageReference, KIND_NODE_IMAGE),
    workers: withDefault(v.pipe(int(), v.minValue(0, "must be 0 or more"), v.maxValue(10, "must be at most 10")), 1),
    portMappings: withDefault(
        v.array(
            object({
                containerPort: port,
                hostPort: port,
                /** Host address the port listens on: loopback, so nothing is exposed to the network. */
                listenAddress: withDefault(ipv4Address, "127.0.0.1"),
                protocol: withDefault(oneOf(["TCP", "UDP"]), "TCP"),
            }),
        ),
        [],
    ),
    loadImages: withDefault(v.array(imageReference), []),
});

const existingCluster = v.strictObject({
    type: v.literal("existing"),
    context: v.pipe(v.string(), v.minLength(1, "must name a kubeconfig context")),
    kubeconfigPath: v.optional(v.string()),
});

export const iamPrincipalArn = v.pipe(
    v.string(),
    v.regex(
        /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/,
        "must be the ARN of an IAM role or user, e.g. arn:aws:iam::123456789012:role/platform-admins",
    ),
);

const INSTANCE_TYPE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*\.(nano|micro|small|medium|large|\d*xlarge|metal(-\d+xl)?)$/;

// What EKS CreateNodegroup accepts for labels and taints, stricter than Kubernetes: a
// label key of at most 63 characters in all (prefix included), a non-empty value, and no
// key under the prefixes EKS reserves ("Label cannot contain reserved prefixes
// [kubernetes.io/, k8s.io/, eks.amazonaws.com/]"); taint keys of 1-63, values of 0-63
// (EKS API reference: UpdateLabelsPayload, Taint; Kubernetes label rules:
// apimachinery v0.36.3 pkg/api/validate/content/kube.go:24-94).
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const RESERVED_LABEL_PREFIXES = ["kubernetes.io/", "k8s.io/", "eks.amazonaws.com/"];

function qualifiedNameProblem(key: string): string | undefined {
    const parts = key.split("/");
    const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
    if (parts.length > 2 || !LABEL_NAME.test(name) || (prefix !== undefined && !LABEL_PREFIX.test(prefix))) {
        return `'${key}' is not a label key: [prefix/]name, the name of letters, digits, '-', '_' and '.' starting and ending with a letter or digit, the prefix a DNS subdomain`;
    }
    return key.length > 63 ? `'${key}' is ${key.length} characters; EKS takes label and taint keys of at most 63, prefix included` : undefined;
}

const nodeLabelKey = v.pipe(
    v.string(),
    checkWith((key: string) => {
        const reserved = RESERVED_LABEL_PREFIXES.find((prefix) => key.includes(prefix));
        return reserved ? `'${key}' uses the prefix ${reserved}, which EKS reserves for node labels it sets itself` : qualifiedNameProblem(key);
    }),
);

const labelValueOf = (maxLength: number, empty: boolean) =>
    v.pipe(
        scalarString('"1.10"'),
        v.check(
            (value) => (empty || value.length > 0) && value.length <= maxLength && (value === "" || LABEL_NAME.test(value)),
            `must be ${empty ? "empty or " : ""}1-${maxLength} letters, digits, '-', '_' and '.', starting and ending with a letter or digit`,
        ),
    );
const nodeLabelValue = labelValueOf(63, false);

const taint = object({
    key: v.pipe(v.string(), checkWith(qualifiedNameProblem)),
    value: v.optional(labelValueOf(63, true)),
    effect: oneOf(["NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE"]),
});

const nodeGroup = v.pipe(
    object({
        // EKS takes node group names of up to 63 characters, and the program appends a 9-character
        // digest of the create-only fields (components/cluster/nodeGroupName.ts).
        name: v.pipe(dnsLabel, v.maxLength(54, "must be at most 54 characters (EKS's 63 less the 9-character suffix the platform adds)")),
        instanceTypes: v.pipe(
            v.array(v.pipe(v.string(), v.regex(INSTANCE_TYPE, "must be an EC2 instance type such as t3.large or m7i.xlarge"))),
            v.minLength(1, "must list at least one instance type"),
        ),
        capacityType: withDefault(oneOf(["ON_DEMAND", "SPOT"]), "ON_DEMAND"),
        minSize: intAtLeast(0, "must be 0 or more"),
        maxSize: intAtLeast(1, "must be at least 1"),
        desiredSize: intAtLeast(0, "must be 0 or more"),
        diskSizeGiB: withDefault(v.pipe(int(), v.minValue(20, "must be at least 20"), v.maxValue(16384, "must be at most 16384")), 50),
        labels: withDefault(
            v.pipe(
                record(nodeLabelKey, nodeLabelValue),
                // The platform sets it to the group's name: what the system pool's pods select through a replacement.
                v.check((labels) => !(NODE_GROUP_LABEL in labels), `'${NODE_GROUP_LABEL}' is set by the platform to the node group's name`),
            ),
            {},
        ),
        taints: withDefault(v.pipe(v.array(taint), v.maxLength(50, "may list at most 50 taints (EKS's limit per node group)")), []),
    }),
    crossCheck((group): PathIssue[] => {
        const issues: PathIssue[] = [];
        const architectures = new Set(group.instanceTypes.map(instanceArchitecture));
        if (architectures.size > 1) {
            issues.push({ path: ["instanceTypes"], message: "mixes arm64 and x86_64 instance types; one node group runs one AMI architecture" });
        }
        if (group.minSize > group.maxSize) {
            issues.push({ path: ["minSize"], message: `minSize (${group.minSize}) is above maxSize (${group.maxSize})` });
        } else if (group.desiredSize < group.minSize || group.desiredSize > group.maxSize) {
            issues.push({
                path: ["desiredSize"],
                message: `desiredSize (${group.desiredSize}) is outside minSize..maxSize (${group.minSize}..${group.maxSize})`,
            });
        }
        return issues;
    }),
);

const eksCluster = v.strictObject({
    type: v.literal("eks"),
    name: v.optional(dnsLabel),
    kubernetesVersion: withDefault(
        kubernetesVersion(EKS_KUBERNETES_VERSIONS, `must be a Kubernetes version EKS supports: ${EKS_KUBERNETES_VERSIONS.join(", ")}`),
        DEFAULT_EKS_KUBERNETES_VERSION,
    ),
    vpc: withDefault(
        object({
            cidrBlock: withDefault(vpcCidr, "10.0.0.0/16"),
            availabilityZones: withDefault(
                v.pipe(int(), v.minValue(2, "must be at least 2 (EKS needs subnets in two zones)"), v.maxValue(6, "must be at most 6")),
                3,
            ),
            /** One NAT gateway per zone survives a zone outage; a single one halves the cost of non-production stacks. */
            natGateways: withDefault(oneOf(["single", "onePerAz"]), "onePerAz"),
        }),
        {},
    ),
    endpoint: withDefault(
        v.pipe(
            object({
                /** Off by default: the API is reached from inside the VPC, or from the networks publicAccessCidrs names. */
                publicAccess: withDefault(v.boolean(), false),
                privateAccess: withDefault(v.boolean(), true),
                /** Who may reach the public endpoint; unset: everyone (0.0.0.0/0), which the policies refuse. */
                publicAccessCidrs: v.optional(
                    v.pipe(
                        v.array(cidr),
                        v.minLength(1, "must list at least one CIDR block"),
                        v.maxLength(40, "may list at most 40 CIDR blocks (EKS's limit per cluster, not adjustable)"),
                    ),
                ),
                /** The CIDRs together may cover no more addresses than one block of this prefix (16: 65,536). */
                publicAccessWidestPrefix: withDefault(
                    v.pipe(
                        int(),
                        v.minValue(
                            MIN_PUBLIC_ACCESS_PREFIX,
                            `must be at least ${MIN_PUBLIC_ACCESS_PREFIX}: wider than a /${MIN_PUBLIC_ACCESS_PREFIX} is a large part of the internet`,
                        ),
                        v.maxValue(32, "must be at most 32"),
                    ),
                    16,
                ),
            }),
            crossCheck((endpoint): PathIssue[] => endpointIssues(endpoint)),
        ),
        {},
    ),
    authenticationMode: withDefault(oneOf(["API", "API_AND_CONFIG_MAP"]), "API"),
    /**
     * How the add-ons' and apps' service accounts get AWS credentials: EKS Pod Identity (the
     * eks-pod-identity-agent add-on and one association per service account) or IRSA (the
     * cluster's OIDC provider), for nodes the agent does not run on (Fargate, Windows).
     */
    workloadIdentity: withDefault(oneOf(WORKLOAD_IDENTITY_MODES), "podIdentity"),
    /** IAM roles or users granted cluster admin through access entries, besides the identity that creates the cluster. */
    adminPrincipalArns: withDefault(v.array(iamPrincipalArn), []),
    logTypes: withDefault(v.array(oneOf(["api", "audit", "authenticator", "controllerManager", "scheduler"])), ["api", "audit", "authenticator"]),
    nodeGroups: v.pipe(v.array(nodeGroup), v.minLength(1, "must define at least one node group")),
    /**
     * The account's EKS quota "Nodes per managed node group" (default 450, adjustable): no node
     * group may exceed it. A size above it is a typo that would plan and fail at scale-up.
     */
    nodesPerGroupQuota: withDefault(intIn(1, 100_000, "must be 1-100000"), 450),
    /** Attach AmazonSSMManagedInstanceCore to the nodes' role (SSM Session Manager shells on nodes). */
    nodeSsmAccess: withDefault(v.boolean(), false),
    /** Days CloudWatch keeps the control-plane logs and the VPC flow logs. */
    logRetentionDays: withDefault(v.picklist(LOG_RETENTION_DAYS, `must be a retention CloudWatch Logs accepts: ${LOG_RETENTION_DAYS.join(", ")}`), 90),
    /** Protects the VPC, cluster, encryption key and registries from `pulumi destroy` and replacement. */
    protect: withDefault(v.boolean(), true),
});

export const cluster = v.pipe(
    variant("type", [kindCluster, existingCluster, eksCluster], "must have a type of 'kind', 'existing' or 'eks'"),
    // Variants take plain objects only, so the check across the EKS fields sits on the union.
    crossCheck((config): PathIssue[] => {
        switch (config.type) {
            case "eks":
                return [...duplicateNodeGroupIssues(config.nodeGroups), ...nodeGroupQuotaIssues(config.nodeGroups, config.nodesPerGroupQuota)];
            case "kind":
                return [...duplicateHostPortIssues(config.portMappings), ...nodeImageIssues(config.nodeImage)];
            default:
                return [];
        }
    }),
);

/**
 * What the EKS API and pulumi-eks refuse about the endpoint, before minutes of VPC work:
 * an endpoint with no access at all; CIDRs for a public endpoint that is off (pulumi-eks
 * 4.3.0 nodejs/eks/cluster/cluster.ts:708-716 throws); a public endpoint limited to some
 * networks with the private one off, which the nodes (behind NAT, outside those networks)
 * could not reach to join.
 */
function endpointIssues(endpoint: {
    publicAccess: boolean;
    privateAccess: boolean;
    publicAccessCidrs?: string[];
    publicAccessWidestPrefix: number;
}): PathIssue[] {
    if (!endpoint.publicAccess && !endpoint.privateAccess) {
        return [
            { path: ["privateAccess"], message: "publicAccess and privateAccess are both false: nothing could reach the cluster's API; turn privateAccess on" },
        ];
    }
    if (!endpoint.publicAccess && endpoint.publicAccessCidrs) {
        return [
            {
                path: ["publicAccessCidrs"],
                message: "is set but publicAccess is false: CIDRs apply only to a public endpoint; remove them or set publicAccess to true",
            },
        ];
    }
    const coverage = coverageIssue(endpoint.publicAccessCidrs ?? [], endpoint.publicAccessWidestPrefix);
    if (endpoint.publicAccess && coverage) {
        return [coverage];
    }
    const restricted = endpoint.publicAccessCidrs !== undefined && !endpoint.publicAccessCidrs.includes("0.0.0.0/0");
    if (endpoint.publicAccess && restricted && !endpoint.privateAccess) {
        return [
            {
                path: ["privateAccess"],
                message:
                    "is false while publicAccessCidrs limits the public endpoint: the nodes reach the API from the NAT gateways' addresses and could not join; turn privateAccess on",
            },
        ];
    }
    return [];
}

/** Blocks that together open the endpoint wider than the bound, however they are split (0.0.0.0/1 + 128.0.0.0/1). */
function coverageIssue(cidrs: readonly string[], widestPrefix: number): PathIssue | undefined {
    const blocks = cidrs.map(parseCidr).filter((block) => block !== undefined);
    if (blocks.length !== cidrs.length) {
        return undefined; // each malformed block has its own message
    }
    const covered = coveredAddresses(blocks, 4);
    const bound = blockSize(widestPrefix, 4);
    return covered > bound
        ? {
              path: ["publicAccessCidrs"],
              message: `cover ${covered.toLocaleString("en-US")} addresses together, more than one /${widestPrefix} (${bound.toLocaleString("en-US")}); list your networks' blocks (or lower endpoint.publicAccessWidestPrefix, down to ${MIN_PUBLIC_ACCESS_PREFIX}, knowingly)`,
          }
        : undefined;
}

function nodeImageIssues(image: string): PathIssue[] {
    const { refuse } = nodeImageFinding(image);
    return refuse ? [{ path: ["nodeImage"], message: refuse }] : [];
}

/** Docker publishes a host port once per protocol: a second mapping of it fails `kind create cluster` after the node starts. */
function duplicateHostPortIssues(mappings: { hostPort: number; protocol: string }[]): PathIssue[] {
    const seen = new Map<string, number>();
    return mappings.flatMap((mapping, index): PathIssue[] => {
        const key = `${mapping.hostPort}/${mapping.protocol}`;
        const first = seen.get(key);
        seen.set(key, first ?? index);
        return first === undefined ? [] : [{ path: ["portMappings", index, "hostPort"], message: `${key} is already mapped by portMappings[${first}]` }];
    });
}

function nodeGroupQuotaIssues(groups: { maxSize: number }[], quota: number): PathIssue[] {
    return groups.flatMap((group, index): PathIssue[] =>
        group.maxSize > quota
            ? [
                  {
                      path: ["nodeGroups", index, "maxSize"],
                      message: `${group.maxSize} is above ${quota}, the account's nodes per managed node group (EKS quota, default 450); lower it, add node groups, or raise the quota and then cluster.nodesPerGroupQuota`,
                  },
              ]
            : [],
    );
}

function duplicateNodeGroupIssues(groups: { name: string }[]): PathIssue[] {
    const seen = new Set<string>();
    return groups.flatMap((group, index): PathIssue[] => {
        const duplicate = seen.has(group.name);
        seen.add(group.name);
        return duplicate ? [{ path: ["nodeGroups", index, "name"], message: `'${group.name}' is already used by another node group` }] : [];
    });
}

export type ClusterConfig = v.InferOutput<typeof cluster>;
export type KindClusterConfig = v.InferOutput<typeof kindCluster>;
export type ExistingClusterConfig = v.InferOutput<typeof existingCluster>;
export type EksClusterConfig = v.InferOutput<typeof eksCluster>;
export type NodeGroupConfig = v.InferOutput<typeof nodeGroup>;
