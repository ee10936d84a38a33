// A Deployment that runs more than one replica is meant to stay up through node
// drains and upgrades; that needs a PodDisruptionBudget selecting its pods. The
// replica count is spec.replicas or, where an HPA scales the Deployment, the HPA's
// minReplicas. This needs the whole resource set, so it is a stack rule; it indexes the
// HPAs by target and the budgets by namespace and selector, so its cost grows linearly.
import { asRecord, kindOf, metadataOf } from "../kubernetes/objects";
import { selectorIndex, type SelectorIndex } from "../kubernetes/selectorIndex";
import type { PolicyResource, StackRule, StackViolation } from "../rule";

const ofKind = <R extends PolicyResource>(resources: readonly R[], kind: string) => resources.filter((resource) => kindOf(resource) === kind);
const namespaceOf = (resource: PolicyResource) => metadataOf(resource).namespace ?? "";
const scaleTarget = (hpa: PolicyResource) => asRecord(asRecord(hpa.inputs.spec).scaleTargetRef);
const targetKey = (namespace: string, name: unknown) => JSON.stringify([namespace, name]);

/** The replicas a Deployment keeps at least: spec.replicas or the minReplicas of an HPA that targets it. */
export function minimumReplicas(deployment: PolicyResource, hpas: readonly PolicyResource[]): number {
    const name = metadataOf(deployment).name;
    const scaling = hpas.filter(
        (hpa) => namespaceOf(hpa) === namespaceOf(deployment) && scaleTarget(hpa).kind === "Deployment" && scaleTarget(hpa).name === name,
    );
    const replicas = asRecord(deployment.inputs.spec).replicas;
    const counts = [
        typeof replicas === "number" ? replicas : 1,
        ...scaling.map((hpa) => asRecord(hpa.inputs.spec).minReplicas).map((min) => (typeof min === "number" ? min : 1)),
    ];
    return Math.max(...counts);
}

/** HPAs by the namespace and name of what they scale. */
function hpasByTarget(hpas: readonly PolicyResource[]): Map<string, PolicyResource[]> {
    const index = new Map<string, PolicyResource[]>();
    for (const hpa of hpas) {
        const key = targetKey(namespaceOf(hpa), scaleTarget(hpa).name);
        index.set(key, [...(index.get(key) ?? []), hpa]);
    }
    return index;
}

/** Budgets by namespace, each namespace's indexed by selector. */
function budgetsByNamespace(budgets: readonly PolicyResource[]): Map<string, SelectorIndex<PolicyResource>> {
    const grouped = new Map<string, PolicyResource[]>();
    budgets.forEach((pdb) => grouped.set(namespaceOf(pdb), [...(grouped.get(namespaceOf(pdb)) ?? []), pdb]));
    return new Map([...grouped].map(([namespace, list]) => [namespace, selectorIndex(list, (pdb) => asRecord(pdb.inputs.spec).selector)]));
}

export const disruptionBudgets: StackRule = {
    name: "pdb-for-replicated-deployments",
    description: "Every Deployment that runs more than one replica (spec.replicas or its HPA's minReplicas) has a PodDisruptionBudget selecting its pods.",
    checkStack<R extends PolicyResource>(resources: readonly R[]): StackViolation<R>[] {
        const hpas = hpasByTarget(ofKind(resources, "HorizontalPodAutoscaler"));
        const budgets = budgetsByNamespace(ofKind(resources, "PodDisruptionBudget"));
        return ofKind(resources, "Deployment").flatMap((deployment) => {
            const replicas = minimumReplicas(deployment, hpas.get(targetKey(namespaceOf(deployment), metadataOf(deployment).name)) ?? []);
            const podLabels = asRecord(asRecord(asRecord(asRecord(deployment.inputs.spec).template).metadata).labels);
            const covered = (budgets.get(namespaceOf(deployment))?.selecting(podLabels).length ?? 0) > 0;
            return replicas > 1 && !covered
                ? [{ resource: deployment, message: `runs at least ${replicas} replicas but no PodDisruptionBudget in its namespace selects its pods` }]
                : [];
        });
    },
};
