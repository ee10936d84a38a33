// Schema of the karpenter section: the default NodePool (capacity types, instance families,
// the CPU and memory it may buy, consolidation) and its EC2NodeClass (AMI, root volume),
// and the controller's resources.
import * as v from "valibot";

import { instanceArchitecture } from "../../../stacks/instanceTypes";
import { parseQuantity } from "../../../stacks/quantities";
import { checkWith, crossCheck, intIn, object, withDefault, type PathIssue } from "../../../stacks/schema/base";
import { cpuQuantity, memoryQuantity, storageQuantity } from "../../../stacks/schema/primitives";
import { resources } from "../../../stacks/schema/workloads";

/** A Karpenter duration (NodePool CRD: `^(([0-9]+(s|m|h))+|Never)$`), e.g. 1m or 720h. */
const karpenterDuration = v.pipe(v.string(), v.regex(/^(([0-9]+(s|m|h))+|Never)$/, "must be a duration of s, m and h such as 1m or 720h, or Never"));

/** An EC2 instance family such as m7i or c7g (karpenter.k8s.aws/instance-family). */
const instanceFamily = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]*[0-9][a-z0-9-]*$/, "must be an EC2 instance family such as m7i, c7g or r6id"));

/**
 * Ceilings on the pool's limits: ~20 of the largest instances' worth. A limit is what a runaway
 * deployment may buy; one written with a digit too many (or 1000Ei) removes the ceiling while it plans.
 */
const MAX_POOL_CPU = 10_000;
const MAX_POOL_MEMORY = 100 * 2 ** 40;

function boundedBy<S extends v.GenericSchema<unknown, string>>(quantity: S, maximum: number, what: string) {
    return v.pipe(
        quantity,
        checkWith((value: string) =>
            (parseQuantity(value) ?? 0) > maximum
                ? `'${value}' is above ${what}, the ceiling this platform allows a NodePool; lower it, or split the load across pools`
                : undefined,
        ),
    );
}

const nodePool = v.pipe(
    object({
        /** karpenter.sh/capacity-type values; with both, Karpenter prefers spot, then on-demand (concepts/nodepools.md:276). */
        capacityTypes: withDefault(
            v.pipe(v.array(v.picklist(["on-demand", "spot"], 'must be "on-demand" or "spot"')), v.minLength(1, "must list at least one capacity type")),
            ["on-demand"],
        ),
        /** Instance families Karpenter may launch; one CPU architecture for all of them. */
        instanceFamilies: withDefault(v.pipe(v.array(instanceFamily), v.minLength(1, "must list at least one instance family")), [
            "m7i",
            "m6i",
            "c7i",
            "c6i",
            "r7i",
            "r6i",
        ]),
        /** What all of this pool's nodes together may hold: the ceiling on what a runaway deployment can buy. */
        limits: withDefault(
            object({
                cpu: withDefault(boundedBy(cpuQuantity, MAX_POOL_CPU, `${MAX_POOL_CPU} CPUs`), "32"),
                memory: withDefault(boundedBy(memoryQuantity, MAX_POOL_MEMORY, "100Ti"), "128Gi"),
            }),
            {},
        ),
        /** How long a node stays empty or underused before consolidation replaces or removes it. */
        consolidateAfter: withDefault(karpenterDuration, "1m"),
        /** Nodes older than this are replaced (fresh AMIs, no long-lived drift); Never keeps them. */
        expireAfter: withDefault(karpenterDuration, "720h"),
    }),
    crossCheck((pool): PathIssue[] => {
        const architectures = new Set(pool.instanceFamilies.map(instanceArchitecture));
        return architectures.size > 1
            ? [
                  {
                      path: ["instanceFamilies"],
                      message: `mixes arm64 and x86_64 families (${pool.instanceFamilies.join(", ")}); the EC2NodeClass boots one AMI family for one architecture: list families of one architecture`,
                  },
              ]
            : [];
    }),
);

export const karpenter = object({
    enabled: withDefault(v.boolean(), false),
    nodePool: withDefault(nodePool, {}),
    nodeClass: withDefault(
        object({
            /**
             * The AL2023 AMI version, e.g. v20260801, or latest. The CRD warns that latest drifts every
             * node to each new AMI (karpenter.k8s.aws_ec2nodeclasses.yaml:90); Karpenter then replaces
             * nodes within the NodePool's disruption budget.
             */
            amiVersion: withDefault(v.pipe(v.string(), v.regex(/^(latest|v\d{8})$/, "must be latest or a version such as v20260801")), "latest"),
            /** Size of the encrypted gp3 root volume. */
            rootVolumeSize: withDefault(storageQuantity, "50Gi"),
        }),
        {},
    ),
    controller: withDefault(
        object({
            replicas: withDefault(intIn(1, 5, "must be 1-5", "must be an integer"), 2),
            resources: withDefault(resources, { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } }),
        }),
        {},
    ),
});

export type KarpenterConfig = v.InferOutput<typeof karpenter>;
