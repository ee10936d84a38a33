// A Deployment that runs more than one replica is meant to stay up through node
// drains and upgrades; that needs a PodDisruptionBudget selecting its pods. The
// replica count is spec.replicas or, where an HPA scales the Deployment, the HPA's
// minReplicas. This needs the whole resource set, so it is a stack rule.
import { asRecord, kindOf, metadataOf } from "../kubernetes/objects";
import { selectorMatches } from "../kubernetes/labelSelectors";
import type { PolicyResource, StackRule, StackViolation } from "../rule";

const ofKind = <R extends PolicyResource>(resources: readonly R[], kind: string) => resources.filter((resource) => kindOf(resource) === kind);
const namespaceOf = (resource: PolicyResource) => metadataOf(resource).namespace ?? "";

/** The replicas a Deployment keeps at least: spec.replicas or the minReplicas of an HPA that targets it. */
export function minimumReplicas(deployment: PolicyResource, hpas: readonly PolicyResource[]): number {
    const name = metadataOf(deployment).name;
    const scaling = hpas.filter((hpa) => {
        const target = asRecord(asRecord(hpa.inputs.spec).scaleTargetRef);
        return namespaceOf(hpa) === namespaceOf(deployment) && target.kind === "Deployment" && target.name === name;
    });
    const replicas = asRecord(deployment.inputs.spec).replicas;
    const counts = [
        typeof replicas === "number" ? replicas : 1,
        ...scaling.map((hpa) => asRecord(hpa.inputs.spec).minReplicas).map((min) => (typeof min === "number" ? min : 1)),
    ];
    return Math.max(...counts);
}

export const disruptionBudgets: StackRule = {
    name: "pdb-for-replicated-deployments",
    description: "Every Deployment that runs more than one replica (spec.replicas or its HPA's minReplicas) has a PodDisruptionBudget selecting its pods.",
    checkStack<R extends PolicyResource>(resources: readonly R[]): StackViolation<R>[] {
        const hpas = ofKind(resources, "HorizontalPodAutoscaler");
        const budgets = ofKind(resources, "PodDisruptionBudget");
        return ofKind(resources, "Deployment").flatMap((deployment) => {
            const replicas = minimumReplicas(deployment, hpas);
            const podLabels = asRecord(asRecord(asRecord(asRecord(deployment.inputs.spec).template).metadata).labels);
            const covered = budgets.some(
                (pdb) => namespaceOf(pdb) === namespaceOf(deployment) && selectorMatches(asRecord(pdb.inputs.spec).selector, podLabels),
            );
            return replicas > 1 && !covered
                ? [{ resource: deployment, message: `runs at least ${replicas} replicas but no PodDisruptionBudget in its namespace selects its pods` }]
                : [];
        });
    },
};
