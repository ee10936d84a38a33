// An HPA whose minimum is above its maximum is accepted by the API server but can
// never settle; catch it before it reaches a cluster.
import { asRecord, kindOf } from "../kubernetes/objects";
import type { ResourceRule } from "../rule";

export const hpaReplicaBounds: ResourceRule = {
    name: "hpa-min-not-above-max",
    description: "A HorizontalPodAutoscaler's spec.minReplicas (default 1) is not above its spec.maxReplicas.",
    check: (resource) => {
        if (kindOf(resource) !== "HorizontalPodAutoscaler") {
            return [];
        }
        const spec = asRecord(resource.inputs.spec);
        const min = typeof spec.minReplicas === "number" ? spec.minReplicas : 1;
        const max = spec.maxReplicas;
        return typeof max === "number" && min > max ? [`spec.minReplicas (${min}) is above spec.maxReplicas (${max})`] : [];
    },
};
