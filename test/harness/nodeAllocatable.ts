// What a node of an EKS managed node group offers pods (pure), as the EKS AL2023 AMI's nodeadm
// configures the kubelet (awslabs/amazon-eks-ami v20260724, nodeadm/internal/kubelet/):
// - kube-reserved CPU: 6 % of the first core, 1 % of the second, 0.5 % of cores 3-4, 0.25 % above
//   (config.go:410-439);
// - kube-reserved memory: 11 MiB per pod the node may run, plus 255 MiB (config.go:442-444), with
//   max pods = ENIs × (IPv4 addresses per ENI − 1) + 2 (eni_max_pods.go:58, 76; instance-info.jsonl);
// - eviction threshold memory.available 100Mi (config.go:111).
// The kubelet's memory capacity is what the kernel reports, less than the instance's nominal
// memory; MEMORY_SEEN is an assumption (not measured here), on the low side.
import type { Requests } from "./podRequests";

interface InstanceShape {
    vcpus: number;
    memoryGiB: number;
    enis: number;
    ipsPerEni: number;
}

// EC2 instance types and instance-info.jsonl (lines for m6i/m7i large and xlarge).
const INSTANCES: Record<string, InstanceShape> = {
    "m6i.large": { vcpus: 2, memoryGiB: 8, enis: 3, ipsPerEni: 10 },
    "m7i.large": { vcpus: 2, memoryGiB: 8, enis: 3, ipsPerEni: 10 },
    "m6i.xlarge": { vcpus: 4, memoryGiB: 16, enis: 4, ipsPerEni: 15 },
    "m7i.xlarge": { vcpus: 4, memoryGiB: 16, enis: 4, ipsPerEni: 15 },
};

/** Share of the nominal memory the kernel reports to the kubelet (assumed). */
const MEMORY_SEEN = 0.93;
const MiB = 2 ** 20;

function reservedCpuMillicores(totalMillicores: number): number {
    const ranges: [number, number, number][] = [
        [0, 1000, 600],
        [1000, 2000, 100],
        [2000, 4000, 50],
        [4000, Infinity, 25],
    ];
    return ranges.reduce(
        (sum, [start, end, basisPoints]) => sum + (totalMillicores <= start ? 0 : ((Math.min(totalMillicores, end) - start) * basisPoints) / 10000),
        0,
    );
}

/** CPU (cores) and memory (bytes) the pods of one node of this type may request. */
export function nodeAllocatable(instanceType: string): Requests {
    const shape = INSTANCES[instanceType];
    if (!shape) {
        throw new Error(`no allocatable known for ${instanceType}: add its shape (EC2, instance-info.jsonl) to test/harness/nodeAllocatable.ts`);
    }
    const maxPods = shape.enis * (shape.ipsPerEni - 1) + 2;
    const millicores = shape.vcpus * 1000;
    const memoryMiB = shape.memoryGiB * 1024 * MEMORY_SEEN - (11 * maxPods + 255) - 100;
    return { cpu: (millicores - reservedCpuMillicores(millicores)) / 1000, memory: memoryMiB * MiB };
}

/** A group of `nodes` nodes, at its smallest instance type (the group may get any of them). */
export function groupAllocatable(instanceTypes: readonly string[], nodes: number): Requests {
    const smallest = instanceTypes
        .map(nodeAllocatable)
        .reduce((low, node) => ({ cpu: Math.min(low.cpu, node.cpu), memory: Math.min(low.memory, node.memory) }));
    return { cpu: smallest.cpu * nodes, memory: smallest.memory * nodes };
}
