// Schemas of the cluster the platform runs on: a local kind cluster, an existing
// kubeconfig context, or AWS EKS. The `type` field selects the variant.
import { z } from "zod";
import { dnsLabel, port } from "./primitives";

const kindCluster = z.strictObject({
    type: z.literal("kind"),
    name: dnsLabel.optional(),
    workers: z.int().min(0, "must be 0 or more").max(10, "must be at most 10").default(1),
    portMappings: z
        .array(z.strictObject({ containerPort: port, hostPort: port, protocol: z.enum(["TCP", "UDP"]).default("TCP") }))
        .default([]),
    loadImages: z.array(z.string().min(1)).default([]),
});

const existingCluster = z.strictObject({
    type: z.literal("existing"),
    context: z.string().min(1, "must name a kubeconfig context"),
    kubeconfigPath: z.string().optional(),
});

const eksCluster = z.strictObject({
    type: z.literal("eks"),
    name: dnsLabel.optional(),
});

export const cluster = z.discriminatedUnion("type", [kindCluster, existingCluster, eksCluster], {
    error: (issue) =>
        issue.code === "invalid_union" ? "must have a type of 'kind', 'existing' or 'eks'" : undefined,
});

export type ClusterConfig = z.output<typeof cluster>;
export type KindClusterConfig = z.output<typeof kindCluster>;
export type ExistingClusterConfig = z.output<typeof existingCluster>;
export type EksClusterConfig = z.output<typeof eksCluster>;
