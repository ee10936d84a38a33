// Applies planned units to the real API server the way `pulumi up` would create them, waits
// where the provider waits (CRDs established, workloads ready), re-applies to find
// perpetual diffs, and deletes in reverse, as `pulumi destroy` would.
import { ApiError, KubeApi, KubeObject } from "./kubeApi";
import { split, Unit } from "./plannedObjects";
import { bindPendingClaims } from "./volumes";

export interface Applied {
    unit: Unit;
    objects: KubeObject[];
    heldBack: KubeObject[];
}

const WAIT_MS = 90_000;
const POLL_MS = 250;

export const describe = (object: KubeObject) => `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ""}${object.metadata.name}`;

/** The object as the provider would send it: namespaced objects without a namespace land in the unit's. */
async function placed(api: KubeApi, unit: Unit, object: KubeObject): Promise<KubeObject> {
    if (object.metadata.namespace || !(await api.isNamespaced(object))) {
        return object;
    }
    return { ...object, metadata: { ...object.metadata, namespace: unit.namespace } };
}

export async function applyUnit(api: KubeApi, unit: Unit): Promise<Applied> {
    const { applied, heldBack } = split(unit.objects);
    const objects: KubeObject[] = [];
    for (const original of applied) {
        const object = await placed(api, unit, original);
        try {
            await api.apply(object);
        } catch (error) {
            throw new Error(`${unit.source}: the API server refused ${describe(object)}: ${(error as Error).message}`);
        }
        objects.push(object);
        if (object.kind === "CustomResourceDefinition") {
            await until(`${describe(object)} established`, async () => conditionTrue(await api.get(object), "Established"));
        }
    }
    if (unit.awaited) {
        for (const object of objects) {
            await awaitReady(api, object, unit.source);
        }
    }
    return { unit, objects, heldBack };
}

/** Every applied object whose resourceVersion a second apply of the same manifest changed. */
export async function reapplyChanges(api: KubeApi, applied: readonly Applied[]): Promise<string[]> {
    const changed: string[] = [];
    for (const { objects } of applied) {
        for (const object of objects) {
            const before = (await api.get(object))?.metadata.resourceVersion;
            const after = (await api.apply(object)).metadata.resourceVersion;
            if (before !== after) {
                changed.push(describe(object));
            }
        }
    }
    return changed;
}

/** Deletes unit by unit in reverse order, each unit's objects gone before the next. */
export async function deleteAll(api: KubeApi, applied: readonly Applied[]): Promise<number> {
    let deleted = 0;
    for (const { unit, objects } of [...applied].reverse()) {
        for (const object of [...objects].reverse()) {
            await api.delete(object);
        }
        for (const object of objects) {
            await until(`${describe(object)} (${unit.source}) deleted`, async () => (await api.get(object)) === undefined);
            deleted++;
        }
    }
    return deleted;
}

async function awaitReady(api: KubeApi, object: KubeObject, source: string): Promise<void> {
    const check = READY[object.kind];
    if (!check) {
        return;
    }
    await until(`${describe(object)} (${source}) ready`, async () => {
        await bindPendingClaims(api);
        const live = await api.get(object);
        return live !== undefined && check(live);
    }, async () => explain(api, object));
}

type Status = Record<string, number | undefined> & { conditions?: { type: string; status: string; reason?: string; message?: string }[] };
const statusOf = (object: KubeObject) => (object.status ?? {}) as Status;
const specOf = (object: KubeObject) => (object.spec ?? {}) as Record<string, unknown>;
const generationSeen = (object: KubeObject) => (statusOf(object).observedGeneration ?? 0) >= Number(object.metadata.generation ?? 0);

/** When the provider counts an object ready, for the kinds it waits on. */
const READY: Record<string, (live: KubeObject) => boolean> = {
    Deployment: (live) => generationSeen(live) && (statusOf(live).availableReplicas ?? 0) >= Number(specOf(live).replicas ?? 1),
    StatefulSet: (live) => generationSeen(live) && (statusOf(live).readyReplicas ?? 0) >= Number(specOf(live).replicas ?? 1),
    DaemonSet: (live) => generationSeen(live) && (statusOf(live).desiredNumberScheduled ?? 0) > 0 && statusOf(live).numberReady === statusOf(live).desiredNumberScheduled,
    Job: (live) => conditionTrue(live, "Complete") || conditionTrue(live, "SuccessCriteriaMet"),
};

function conditionTrue(object: KubeObject | undefined, type: string): boolean {
    return (statusOf(object ?? ({} as KubeObject)).conditions ?? []).some((condition) => condition.type === type && condition.status === "True");
}

/** What is in the way: the object's conditions and the latest warning events in its namespace. */
async function explain(api: KubeApi, object: KubeObject): Promise<string> {
    const live = await api.get(object);
    const conditions = (statusOf(live ?? ({} as KubeObject)).conditions ?? []).map((c) => `${c.type}=${c.status} ${c.reason ?? ""} ${c.message ?? ""}`.trim());
    const events = (await api.list("v1", "Event", object.metadata.namespace).catch(() => [] as KubeObject[]))
        .filter((event) => event.type === "Warning")
        .slice(-5)
        .map((event) => `${(event.involvedObject as { kind: string; name: string }).kind}/${(event.involvedObject as { name: string }).name}: ${event.reason} ${event.message}`);
    return [...conditions, ...events].join("\n  ");
}

export async function until(what: string, done: () => Promise<boolean>, explainFailure?: () => Promise<string>): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
        try {
            if (await done()) {
                return;
            }
        } catch (error) {
            if (!(error instanceof ApiError) || Date.now() > deadline) {
                throw error;
            }
        }
        if (Date.now() > deadline) {
            throw new Error(`timed out after ${WAIT_MS / 1000}s waiting for ${what}${explainFailure ? `:\n  ${await explainFailure()}` : ""}`);
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
}
