// The default NodePool and its EC2NodeClass (pure). The pool says what Karpenter may buy:
// architecture, OS, capacity types, instance families, and a CPU and memory ceiling over all
// of its nodes together; consolidation removes empty nodes and replaces underused ones. The
// class says how a node boots: AL2023, IMDSv2 with one hop (pods cannot reach the node's
// credentials), an encrypted gp3 root volume, the subnets and security group of the managed
// node groups (by the discovery tag), the stack's tags.
// Fields: crds/karpenter.sh_nodepools.yaml and crds/karpenter.k8s.aws_ec2nodeclasses.yaml at v1.14.1.
import { instanceArchitecture } from "../../../stacks/instanceTypes";
import type { KarpenterConfig } from "./config";

export const DEFAULT_POOL = "default";

export interface NodeClassInputs {
    readonly config: KarpenterConfig["nodeClass"];
    /** Name of the nodes' IAM role; Karpenter creates the instance profile for it. */
    readonly roleName: string;
    /** The discovery tag (key and value) on the private subnets and the node security group. */
    readonly discovery: { readonly key: string; readonly value: string };
    readonly tags: Readonly<Record<string, string>>;
}

export function ec2NodeClassSpec(inputs: NodeClassInputs): Record<string, unknown> {
    const selector = [{ tags: { [inputs.discovery.key]: inputs.discovery.value } }];
    return {
        role: inputs.roleName,
        // An alias must be the only term (ec2nodeclasses CRD :138-141).
        amiSelectorTerms: [{ alias: `al2023@${inputs.config.amiVersion}` }],
        subnetSelectorTerms: selector,
        securityGroupSelectorTerms: selector,
        // The CRD's defaults (:493-497), stated so that a change of default upstream changes nothing here.
        metadataOptions: { httpEndpoint: "enabled", httpProtocolIPv6: "disabled", httpPutResponseHopLimit: 1, httpTokens: "required" },
        // Overriding the AL2023 default (/dev/xvda, 20Gi, gp3, encrypted: nodeclasses.md:1131-1139) restates all of it.
        blockDeviceMappings: [
            {
                deviceName: "/dev/xvda",
                rootVolume: true,
                ebs: { volumeSize: inputs.config.rootVolumeSize, volumeType: "gp3", encrypted: true, deleteOnTermination: true },
            },
        ],
        tags: { ...inputs.tags },
    };
}

/** Kubernetes' name of an instance family's architecture (kubernetes.io/arch). */
function kubernetesArchitecture(family: string): "amd64" | "arm64" {
    return instanceArchitecture(family) === "arm64" ? "arm64" : "amd64";
}

export function nodePoolSpec(config: KarpenterConfig["nodePool"], nodeClassName: string): Record<string, unknown> {
    return {
        template: {
            spec: {
                nodeClassRef: { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: nodeClassName },
                // Values are strings, even for Gt/Lt; karpenter.sh/capacity-type is the one karpenter.sh key allowed (nodepools CRD :293-296).
                requirements: [
                    { key: "kubernetes.io/arch", operator: "In", values: [kubernetesArchitecture(config.instanceFamilies[0])] },
                    { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
                    { key: "karpenter.sh/capacity-type", operator: "In", values: [...config.capacityTypes] },
                    { key: "karpenter.k8s.aws/instance-family", operator: "In", values: [...config.instanceFamilies] },
                ],
                expireAfter: config.expireAfter,
            },
        },
        // Once the pool's nodes hold this much, Karpenter launches nothing more: pods stay Pending (nodepools CRD :168-177).
        limits: { cpu: config.limits.cpu, memory: config.limits.memory },
        // consolidateAfter is required within disruption (:166); budgets keep the default of 10% of nodes at a time.
        disruption: { consolidationPolicy: "WhenEmptyOrUnderutilized", consolidateAfter: config.consolidateAfter },
    };
}
