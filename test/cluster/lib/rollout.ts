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
/** Upstream e2e suites allow a deleted CRD five minutes (operator-framework/operator-controller#1437). */
const CRD_DELETION_MS = 300_000;
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
            throw new Error(`${unit.source}: the API server refused ${describe(object)}: ${(error as Error).message}`, { cause: error });
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

/**
 * Every applied object a second apply would change: the server's dry run of the same
 * manifest differs from the live object (what the provider's diff compares), status and
 * bookkeeping aside.
 */
export async function reapplyChanges(api: KubeApi, applied: readonly Applied[]): Promise<string[]> {
    const changed: string[] = [];
    for (const { objects } of applied) {
        for (const object of objects) {
            const live = await api.get(object);
            const planned = await api.apply(object, { dryRun: true });
            const paths = live ? differingPaths(comparable(live), comparable(planned)) : ["(gone)"];
            if (paths.length > 0) {
                changed.push(`${describe(object)}: ${paths.slice(0, 5).join(", ")}`);
            }
        }
    }
    return changed;
}

/** The leaf paths where two JSON values differ. */
function differingPaths(left: unknown, right: unknown, path = ""): string[] {
    if (left !== null && right !== null && typeof left === "object" && typeof right === "object") {
        const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
        return [...keys].flatMap((key) => differingPaths((left as Record<string, unknown>)[key], (right as Record<string, unknown>)[key], path ? `${path}.${key}` : key));
    }
    return JSON.stringify(left) === JSON.stringify(right) ? [] : [path || "(object)"];
}

function comparable(object: KubeObject): unknown {
    const { resourceVersion, managedFields, ...metadata } = object.metadata;
    void resourceVersion;
    void managedFields;
    return { ...object, metadata, status: undefined };
}

export interface Deletion {
    deleted: number;
    /** Objects a controller created again under the same name after their deletion. */
    recreated: string[];
}

/**
 * Deletes unit by unit in reverse order, each unit's objects gone before the next unit's
 * deletion starts. CRDs are waited for last: the API server may hold a deleted CRD for
 * minutes while its storage re-initialises (InstanceDeletionFailed "storage is
 * (re)initializing", apiextensions-apiserver pkg/controller/finalizer/crd_finalizer.go).
 */
export async function deleteAll(api: KubeApi, applied: readonly Applied[]): Promise<Deletion> {
    const result: Deletion = { deleted: 0, recreated: [] };
    const crds: { object: KubeObject; uid: string | undefined }[] = [];
    for (const { unit, objects } of [...applied].reverse()) {
        const uids = await Promise.all(objects.map(async (object) => (await api.get(object))?.metadata.uid as string | undefined));
        for (const object of [...objects].reverse()) {
            await api.delete(object);
        }
        for (const [index, object] of objects.entries()) {
            if (object.kind === "CustomResourceDefinition") {
                crds.push({ object, uid: uids[index] });
                continue;
            }
            await until(`${describe(object)} (${unit.source}) deleted`, async () => await gone(api, object, uids[index], result));
            result.deleted++;
        }
    }
    await until(`${crds.length} CRDs deleted`, async () => (await Promise.all(crds.map(({ object, uid }) => gone(api, object, uid, result)))).every(Boolean), undefined, CRD_DELETION_MS);
    result.deleted += crds.length;
    return result;
}

/** Gone, or replaced by a new object of the same name (noted: a controller wrote it again). */
async function gone(api: KubeApi, object: KubeObject, uid: string | undefined, result: Deletion): Promise<boolean> {
    const live = await api.get(object);
    if (live && live.metadata.uid !== uid) {
        const managers = ((live.metadata.managedFields ?? []) as { manager: string }[]).map((field) => field.manager).join(", ");
        result.recreated.push(`${describe(object)} (written again by ${managers || "a writer that left no field manager"})`);
        result.recreated = [...new Set(result.recreated)];
        return true;
    }
    return live === undefined;
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

export async function until(what: string, done: () => Promise<boolean>, explainFailure?: () => Promise<string>, bound = WAIT_MS): Promise<void> {
    const deadline = Date.now() + bound;
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
            throw new Error(`timed out after ${bound / 1000}s waiting for ${what}${explainFailure ? `:\n  ${await explainFailure()}` : ""}`);
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
}
