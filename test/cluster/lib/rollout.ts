// Applies planned units to the real API server the way `pulumi up` would create them, waits
// where the provider waits (CRDs established, workloads ready), re-applies to find
// perpetual diffs, and deletes in reverse, as `pulumi destroy` would.
import { ApiError, KubeApi, KubeObject } from "./kubeApi";
import { isTransientHook, split, Unit } from "./plannedObjects";
import { bindPendingClaims } from "./volumes";

export interface Applied {
    unit: Unit;
    objects: KubeObject[];
    heldBack: KubeObject[];
}

const WAIT_MS = 90_000;
/** Deletion bound for a whole plan: namespaces terminate through the namespace controller. */
const DELETION_MS = 180_000;
const POLL_MS = 100;

export const describe = (object: KubeObject) => `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ""}${object.metadata.name}`;

/** The object as the provider would send it: namespaced objects without a namespace land in the unit's. */
async function placed(api: KubeApi, unit: Unit, object: KubeObject): Promise<KubeObject> {
    if (object.metadata.namespace || !(await api.isNamespaced(object))) {
        return object;
    }
    return { ...object, metadata: { ...object.metadata, namespace: unit.namespace } };
}

/** Objects Helm creates before the rest, each ready for what follows: namespaces, then CRDs (established). */
const FIRST_KINDS = ["Namespace", "CustomResourceDefinition"];

/**
 * Applies a unit as its resource would: namespaces and CRDs first (each CRD established),
 * the rest together (Helm sends a release's objects without waiting between them), then,
 * where the provider waits, every workload ready.
 */
export async function applyUnit(api: KubeApi, unit: Unit): Promise<Applied> {
    const { applied, heldBack } = split(unit.objects);
    // Namespaces and CRDs first: a custom kind's scope is known once its CRD is served.
    const first: KubeObject[] = applied.filter((object) => FIRST_KINDS.includes(object.kind));
    for (const object of first) {
        await applyOne(api, unit, object);
        if (object.kind === "CustomResourceDefinition") {
            await until(`${describe(object)} established`, async () => conditionTrue(await api.get(object), "Established"));
        }
    }
    const rest = await Promise.all(applied.filter((object) => !first.includes(object)).map((object) => placed(api, unit, object)));
    await inParallel(rest, (object) => applyOne(api, unit, object));
    const objects = [...first, ...rest];
    await inParallel(
        objects.filter((object) => object.kind === "CronJob"),
        (cronJob) => admitScheduledPod(api, cronJob, unit.source),
    );
    if (unit.awaited) {
        await inParallel(objects, (object) => awaitReady(api, object, unit.source));
    }
    // Hooks that succeeded go, as Helm deletes them; they are not the release's objects.
    const hooks = objects.filter(isTransientHook);
    await inParallel(hooks, (hook) => api.delete(hook));
    return { unit, objects: objects.filter((object) => !hooks.includes(object)), heldBack };
}

/**
 * A CronJob's pods exist only at its schedule: its pod template is sent as a Pod, dry run, so
 * Pod Security admission of its namespace judges it now, as it will at the first run.
 */
async function admitScheduledPod(api: KubeApi, cronJob: KubeObject, source: string): Promise<void> {
    const template = (cronJob.spec as { jobTemplate: { spec: { template: { metadata?: Record<string, unknown>; spec: unknown } } } }).jobTemplate.spec.template;
    const pod: KubeObject = {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { ...(template.metadata ?? {}), name: `${cronJob.metadata.name}-admission-check`, namespace: cronJob.metadata.namespace },
        spec: template.spec,
    };
    try {
        await api.apply(pod, { dryRun: true });
    } catch (error) {
        throw new Error(`${source}: the API server would refuse the pods of ${describe(cronJob)}: ${(error as Error).message}`, { cause: error });
    }
}

async function applyOne(api: KubeApi, unit: Unit, object: KubeObject): Promise<void> {
    try {
        await api.apply(object);
    } catch (error) {
        throw new Error(`${unit.source}: the API server refused ${describe(object)}: ${(error as Error).message}`, { cause: error });
    }
}

/** Runs `work` over the items, a few at a time (the API server shares two cores with the rest). */
export async function inParallel<T, R>(items: readonly T[], work: (item: T) => Promise<R>, limit = 8): Promise<R[]> {
    const results: R[] = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await work(items[index]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}

/**
 * Every applied object a second apply would change: the server's dry run of the same
 * manifest differs from the live object (what the provider's diff compares), status and
 * bookkeeping aside.
 */
export async function reapplyChanges(api: KubeApi, applied: readonly Applied[]): Promise<string[]> {
    const objects = applied.flatMap((item) => item.objects);
    const changes = await inParallel(objects, async (object) => {
        const live = await api.get(object);
        if (!live && removedOnceFinished(object)) {
            return undefined;
        }
        const planned = await api.apply(object, { dryRun: true });
        const paths = live ? differingPaths(comparable(live), comparable(planned)) : ["(gone)"];
        return paths.length > 0 ? `${describe(object)}: ${paths.slice(0, 5).join(", ")}` : undefined;
    });
    const changed = changes.filter((change): change is string => change !== undefined);
    return changed;
}

/**
 * A Job the TTL-after-finished controller deletes once it has finished: gone, it is where it
 * belongs. Envoy Gateway's certgen hook sets 30 s (gateway-helm v1.9.0 values.yaml:211,
 * templates/certgen.yaml:82-83); a slow run reaches the second apply later than that, and
 * Helm keeps hooks out of the release that `pulumi up` compares.
 */
function removedOnceFinished(object: KubeObject): boolean {
    return object.kind === "Job" && typeof (object.spec as { ttlSecondsAfterFinished?: unknown } | undefined)?.ttlSecondsAfterFinished === "number";
}

/** The leaf paths where two JSON values differ. */
function differingPaths(left: unknown, right: unknown, path = ""): string[] {
    if (left !== null && right !== null && typeof left === "object" && typeof right === "object") {
        const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
        return [...keys].flatMap((key) =>
            differingPaths((left as Record<string, unknown>)[key], (right as Record<string, unknown>)[key], path ? `${path}.${key}` : key),
        );
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
 * Deletes unit by unit in reverse order, as `pulumi destroy` issues the deletions, then waits
 * until every object is gone and every namespace terminated: whatever a finalizer holds
 * shows as a timeout naming the object.
 */
export async function deleteAll(api: KubeApi, applied: readonly Applied[]): Promise<Deletion> {
    const result: Deletion = { deleted: 0, recreated: [] };
    const pending: { object: KubeObject; uid: string | undefined; source: string }[] = [];
    for (const { unit, objects } of [...applied].reverse()) {
        await inParallel([...objects].reverse(), async (object) => {
            pending.push({ object, uid: (await api.get(object))?.metadata.uid as string | undefined, source: unit.source });
            await api.delete(object);
        });
    }
    let remaining = pending;
    await until(
        `${pending.length} objects deleted`,
        async () => {
            const checked = await Promise.all(remaining.map(async (entry) => ((await gone(api, entry.object, entry.uid, result)) ? undefined : entry)));
            remaining = checked.filter((entry) => entry !== undefined);
            return remaining.length === 0;
        },
        async () =>
            remaining
                .slice(0, 10)
                .map((entry) => `${describe(entry.object)} (${entry.source})`)
                .join("\n  "),
        DELETION_MS,
    );
    result.deleted = pending.length;
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
    await until(
        `${describe(object)} (${source}) ready`,
        async () => {
            await bindPendingClaims(api);
            const live = await api.get(object);
            return live !== undefined && check(live);
        },
        async () => explain(api, object),
    );
}

type Status = Record<string, number | undefined> & { conditions?: { type: string; status: string; reason?: string; message?: string }[] };
const statusOf = (object: KubeObject) => (object.status ?? {}) as Status;
const specOf = (object: KubeObject) => (object.spec ?? {}) as Record<string, unknown>;
const generationSeen = (object: KubeObject) => (statusOf(object).observedGeneration ?? 0) >= Number(object.metadata.generation ?? 0);

/** When the provider counts an object ready, for the kinds it waits on. */
const READY: Record<string, (live: KubeObject) => boolean> = {
    Deployment: (live) => generationSeen(live) && (statusOf(live).availableReplicas ?? 0) >= Number(specOf(live).replicas ?? 1),
    StatefulSet: (live) => generationSeen(live) && (statusOf(live).readyReplicas ?? 0) >= Number(specOf(live).replicas ?? 1),
    DaemonSet: (live) =>
        generationSeen(live) && (statusOf(live).desiredNumberScheduled ?? 0) > 0 && statusOf(live).numberReady === statusOf(live).desiredNumberScheduled,
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
        .map(
            (event) =>
                `${(event.involvedObject as { kind: string; name: string }).kind}/${(event.involvedObject as { name: string }).name}: ${event.reason} ${event.message}`,
        );
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
