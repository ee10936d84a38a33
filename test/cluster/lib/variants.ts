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
];

/** The tier's API server: kind's node image minor, which dev and existing clusters run. */
export const SERVER_VERSION = "1.36.3";

/** The Kubernetes version Helm renders for: an EKS stack's control plane, else the server's. */
export function kubeVersionOf(resources: readonly ResourceRecord[]): string {
    const eks = resources.find((resource) => resource.type === "eks:index:Cluster");
    return typeof eks?.inputs.version === "string" ? `${eks.inputs.version}.0` : SERVER_VERSION;
}

/**
 * The labels the plan's first managed node group gives its nodes, as EKS sets them
 * (`eks.amazonaws.com/nodegroup` and the group's own labels), so pods that select the system
 * nodes schedule on the fake node as they would on EKS.
 */
export function nodeLabelsOf(resources: readonly ResourceRecord[]): Record<string, string> {
    const group = resources.find((resource) => resource.type === "aws:eks/nodeGroup:NodeGroup");
    if (!group) {
        return {};
    }
    const labels = (group.inputs.labels ?? {}) as Record<string, string>;
    return { ...labels, "eks.amazonaws.com/nodegroup": String(group.inputs.nodeGroupName ?? group.name), "eks.amazonaws.com/capacityType": String(group.inputs.capacityType ?? "ON_DEMAND") };
}
