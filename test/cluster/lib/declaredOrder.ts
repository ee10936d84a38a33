// Whether the plan's declared ordering alone puts each CRD before the objects of its kinds.
// The tier applies in registration order, which may hide a missing edge: `pulumi up` runs
// whatever is ready in parallel, so only `dependsOn` (and dependsOn a component: all of
// its children) orders two resources.
import type { ResourceRecord } from "../../../offline/evaluate";
import type { Unit } from "./plannedObjects";

const keyOf = (record: ResourceRecord) => `${record.type}::${record.name}`;

/** Every resource a resource waits for under `pulumi up`, transitively. */
export function declaredPredecessors(resources: readonly ResourceRecord[]): (key: string) => Set<string> {
    const byKey = new Map(resources.map((record) => [keyOf(record), record]));
    const children = new Map<string, string[]>();
    for (const record of resources) {
        if (record.parent) {
            children.set(record.parent, [...(children.get(record.parent) ?? []), keyOf(record)]);
        }
    }
    const memo = new Map<string, Set<string>>();
    const descendants = (key: string): string[] => (children.get(key) ?? []).flatMap((child) => [child, ...descendants(child)]);
    const predecessors = (key: string): Set<string> => {
        const known = memo.get(key);
        if (known) {
            return known;
        }
        const found = new Set<string>();
        memo.set(key, found);
        for (const dependency of byKey.get(key)?.dependsOn ?? []) {
            for (const waited of [dependency, ...descendants(dependency)]) {
                found.add(waited);
                predecessors(waited).forEach((item) => found.add(item));
            }
        }
        return found;
    };
    return predecessors;
}

/** Objects of a custom kind whose CRD comes from a unit their resource does not wait for. */
export function crdOrderingGaps(resources: readonly ResourceRecord[], units: readonly Unit[]): string[] {
    const definedBy = new Map<string, string>();
    for (const unit of units) {
        for (const object of unit.objects.filter((candidate) => candidate.kind === "CustomResourceDefinition")) {
            const spec = object.spec as { group: string; names: { kind: string } };
            definedBy.set(`${spec.group}/${spec.names.kind}`, unit.source);
        }
    }
    const predecessors = declaredPredecessors(resources);
    const gaps: string[] = [];
    for (const unit of units) {
        for (const object of unit.objects) {
            const group = object.apiVersion.includes("/") ? object.apiVersion.split("/")[0] : "";
            const crdSource = definedBy.get(`${group}/${object.kind}`);
            if (crdSource && crdSource !== unit.source && !predecessors(unit.source).has(crdSource)) {
                gaps.push(`${unit.source} applies a ${object.kind} without waiting for ${crdSource}, which installs its CRD`);
            }
        }
    }
    return [...new Set(gaps)];
}
