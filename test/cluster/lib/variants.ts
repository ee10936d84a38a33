// The plans the tier puts on the real API server: both default stacks, and the variants the
// unit tests already plan (a dev stack syncing a public Git repository; an existing cluster).
import type { ResourceRecord } from "../../../offline/evaluate";
import { evaluateConfig, evaluateStackFile, Resources } from "../../harness/evaluateStack";
import { validValues } from "../../harness/fixtures";

export interface Variant {
    name: string;
    plan(): Promise<Resources>;
}

/** The dev stack's one secret, set as `pulumi config set --secret` would. */
const DEV_SECRETS = { "platform:externalIntegrationKey": "placeholder" };
const PUBLIC_REPOSITORY = JSON.stringify({ enabled: true, repository: { url: "https://github.com/acme/platform.git" } });

export const VARIANTS: readonly Variant[] = [
    { name: "dev", plan: () => evaluateStackFile("dev", DEV_SECRETS) },
    { name: "prod", plan: () => evaluateStackFile("prod") },
    { name: "dev with a public Git repository", plan: () => evaluateStackFile("dev", { ...DEV_SECRETS, "platform:gitops": PUBLIC_REPOSITORY }) },
    { name: "existing cluster", plan: () => evaluateConfig(validValues()) },
    {
        name: "existing cluster with teams",
        plan: () => evaluateConfig({ ...validValues(), teams: [{ name: "web", namespaces: ["apps"], quota: { pods: 20 } }] }),
    },
];

export function variantNamed(name: string): Variant {
    const found = VARIANTS.find((variant) => variant.name === name);
    if (!found) {
        throw new Error(`no plan variant '${name}'; variants: ${VARIANTS.map((variant) => variant.name).join(", ")}`);
    }
    return found;
}

/** The tier's API server: kind's node image minor, which dev and existing clusters run. */
export const SERVER_VERSION = "1.36.3";

/** The Kubernetes version Helm renders for: an EKS stack's control plane, else the server's. */
export function kubeVersionOf(resources: readonly ResourceRecord[]): string {
    const eks = resources.find((resource) => resource.type === "eks:index:Cluster");
    return typeof eks?.inputs.version === "string" ? `${eks.inputs.version}.0` : SERVER_VERSION;
}

export interface FakeNode {
    name: string;
    labels: Record<string, string>;
}

/** The harness's own node, which kwok runs from the start. */
export const FIRST_NODE = "kwok-node-0";

/**
 * The nodes an EKS plan's managed node groups start with (each group's desired size, spread
 * over three zones), labelled as EKS labels them (the group's labels, its name, capacity
 * type, instance type and zone), so pods that select, spread over or avoid them schedule
 * as they would on EKS. Other clusters: the harness's one node as it is.
 */
export function nodesOf(resources: readonly ResourceRecord[]): FakeNode[] {
    const groups = resources.filter((resource) => resource.type === "aws:eks/nodeGroup:NodeGroup");
    const nodes = groups.flatMap((group) => {
        const size = Number((group.inputs.scalingConfig as { desiredSize?: number } | undefined)?.desiredSize ?? 1);
        return Array.from({ length: size }, (_, index) => {
            const zone = `us-east-1${"abc"[index % 3]}`;
            const labels: Record<string, string> = {
                ...((group.inputs.labels ?? {}) as Record<string, string>),
                "eks.amazonaws.com/nodegroup": String(group.inputs.nodeGroupName ?? group.name),
                "eks.amazonaws.com/capacityType": String(group.inputs.capacityType ?? "ON_DEMAND"),
                "node.kubernetes.io/instance-type": String((group.inputs.instanceTypes as string[] | undefined)?.[0] ?? "m7i.large"),
                "topology.kubernetes.io/region": "us-east-1",
                "topology.kubernetes.io/zone": zone,
            };
            return { name: "", labels };
        });
    });
    return nodes.map((node, index) => ({ ...node, name: index === 0 ? FIRST_NODE : `kwok-node-${index}` }));
}
