// The config-rejects oracle: stack configs at the edges of what the schema allows. Each one
// the plan accepts has its objects sent to the real API server as a dry run; an object the
// server refuses is a validation gap (the plan said yes, `pulumi up` would fail half-way),
// to be closed in stacks/schema and listed here. The list ends with zero refusals.
import { ConfigError } from "../../../stacks/configError";
import { evaluateConfig } from "../../harness/evaluateStack";
import { validValues } from "../../harness/fixtures";
import type { RenderContext } from "./helmTemplate";
import { ApiError, KubeApi, KubeObject } from "./kubeApi";
import { plannedUnits, split } from "./plannedObjects";
import { describe } from "./rollout";

type Values = ReturnType<typeof validValues>;

export interface Mutant {
    name: string;
    mutate(values: Values): void;
}

const web = (values: Values) => values.apps[0];
const job = (values: Values) => values.jobs[0];

export const MUTANTS: readonly Mutant[] = [
    {
        name: "an app name of 58 characters, the most its instance label allows with environment 'test'",
        mutate: (v) => ((web(v).name = `w${"e".repeat(57)}`), (v.jobs[0].healthCheck.targets = [web(v).name, "worker"])),
    },
    { name: "a job name of 52 characters", mutate: (v) => (job(v).name = `h${"c".repeat(51)}`) },
    { name: "an app namespace of 63 characters", mutate: (v) => (web(v).namespace = `n${"s".repeat(62)}`) },
    { name: "a ConfigMap key of 253 characters", mutate: (v) => (web(v).config = { [`k${"e".repeat(252)}`]: "v" }) },
    { name: "a run-as user at the top of int32", mutate: (v) => (web(v).runAsUser = 2147483647) },
    { name: "a run-as user past int32", mutate: (v) => (web(v).runAsUser = 2147483648) },
    { name: "an initial probe delay past int32", mutate: (v) => (web(v).probes.readiness.initialDelaySeconds = 2147483648) },
    { name: "a failure threshold past int32", mutate: (v) => (web(v).probes.liveness = { path: "/healthz", failureThreshold: 2147483648 }) },
    { name: "a job backoff limit past int32", mutate: (v) => (job(v).backoffLimit = 2147483648) },
    { name: "a probe timeout past int32", mutate: (v) => (web(v).probes.readiness.timeoutSeconds = 2147483648) },
    { name: "replicas past int32", mutate: (v) => (web(v).replicas = { min: 1, max: 2147483648 }) },
    { name: "a job schedule on February 31st", mutate: (v) => (job(v).schedule = "0 0 31 2 *") },
    { name: "a job time zone", mutate: (v) => (job(v).timeZone = "Europe/Kyiv") },
    { name: "a metrics interval with a fraction", mutate: (v) => (web(v).metrics.interval = "1.5s") },
    { name: "a metrics path with a query", mutate: (v) => (web(v).metrics.path = "/metrics?format=prometheus") },
    { name: "a route path with a query", mutate: (v) => (web(v).route = { paths: ["/api?x=1"] }) },
    { name: "a route path with bad percent-encoding", mutate: (v) => (web(v).route = { paths: ["/a%zz"] }) },
    { name: "a writable path of /", mutate: (v) => (web(v).writablePaths = ["/"]) },
    { name: "a writable path with ..", mutate: (v) => (web(v).writablePaths = ["/tmp/../etc"]) },
    { name: "the smallest CPU request", mutate: (v) => (web(v).resources = { requests: { cpu: "1m", memory: "1Mi" } }) },
    { name: "requests above limits", mutate: (v) => (web(v).resources = { requests: { cpu: "2", memory: "2Gi" }, limits: { cpu: "1", memory: "1Gi" } }) },
    { name: "one replica, no autoscaling range", mutate: (v) => (web(v).replicas = { min: 1, max: 1 }) },
    { name: "an env var name with a dot", mutate: (v) => (web(v).env = { "APP.MODE": "x" }) },
    { name: "a storage size in decimal units", mutate: (v) => (job(v).storage.size = "1G") },
    { name: "a service port equal to the container port", mutate: (v) => (web(v).servicePort = web(v).containerPort) },
];

export interface OracleResult {
    mutant: string;
    outcome: "refused by the plan" | "accepted by both" | "refused by the API server";
    detail?: string;
}

/**
 * Runs every mutant against the server the `existing cluster` plan is applied to. Each
 * mutant's namespaced objects go to a fresh namespace of their own, so every object is a
 * create, as on a new stack, not an update of the plan already applied.
 */
export async function runOracle(api: KubeApi, context: RenderContext): Promise<OracleResult[]> {
    const results: OracleResult[] = [];
    for (const [index, mutant] of MUTANTS.entries()) {
        const values = validValues();
        mutant.mutate(values);
        let resources;
        try {
            resources = (await evaluateConfig(values)).all;
        } catch (error) {
            if (isConfigError(error)) {
                results.push({ mutant: mutant.name, outcome: "refused by the plan" });
                continue;
            }
            throw error;
        }
        const own = resources.filter((record) => !/^kubernetes:(helm\.sh|yaml)\//.test(record.type));
        const objects = split((await plannedUnits(own, context)).flatMap((unit) => unit.objects)).applied.filter((object) => object.kind !== "Namespace");
        const refusals = await dryRun(api, objects, `oracle-${index}`);
        results.push(
            refusals.length
                ? { mutant: mutant.name, outcome: "refused by the API server", detail: refusals.join("; ") }
                : { mutant: mutant.name, outcome: "accepted by both" },
        );
    }
    return results;
}

/** The program's refusal of a config (a ConfigError, as the program rethrows it for the engine). */
function isConfigError(error: unknown): boolean {
    return error instanceof ConfigError || /^Invalid config for stack /.test(String((error as Error)?.message));
}

/** Creates the scratch namespace for real, then sends every object as a dry run. */
async function dryRun(api: KubeApi, objects: readonly KubeObject[], namespace: string): Promise<string[]> {
    await api.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } });
    const refusals: string[] = [];
    for (const object of objects) {
        if (!(await api.serves(object))) {
            continue; // a custom kind whose chart was not rendered (no ../shared): nothing to judge it by
        }
        const placed = (await api.isNamespaced(object)) ? { ...object, metadata: { ...object.metadata, namespace } } : object;
        try {
            await api.apply(placed, { dryRun: true });
        } catch (error) {
            refusals.push(`${describe(placed)}: ${error instanceof ApiError ? error.message.replace(/^PATCH \S+: /, "") : String(error)}`);
        }
    }
    await api.delete({ apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } });
    return refusals;
}
