// Where the pods of a workload object are described, and every container in them,
// with the field path each one sits at (violations name it).
import type { PolicyResource } from "../rule";
import { asArray, asRecord, kindOf } from "./objects";

export interface PodTemplate {
    /** Field path of the pod spec, e.g. `spec.template.spec`. */
    path: string;
    spec: Record<string, unknown>;
    /** Serving pods (Deployments, StatefulSets, …) as opposed to run-to-completion pods (Jobs, CronJobs). */
    longRunning: boolean;
}

export interface ContainerAt {
    /** Field path, e.g. `spec.template.spec.containers[0]`. */
    path: string;
    name: string;
    container: Record<string, unknown>;
    init: boolean;
}

const TEMPLATE_PATHS: Record<string, { path: string[]; longRunning: boolean }> = {
    Deployment: { path: ["spec", "template", "spec"], longRunning: true },
    StatefulSet: { path: ["spec", "template", "spec"], longRunning: true },
    DaemonSet: { path: ["spec", "template", "spec"], longRunning: true },
    ReplicaSet: { path: ["spec", "template", "spec"], longRunning: true },
    Job: { path: ["spec", "template", "spec"], longRunning: false },
    CronJob: { path: ["spec", "jobTemplate", "spec", "template", "spec"], longRunning: false },
    Pod: { path: ["spec"], longRunning: true },
};

export function podTemplateOf(resource: PolicyResource): PodTemplate | undefined {
    const where = TEMPLATE_PATHS[kindOf(resource) ?? ""];
    if (!where) {
        return undefined;
    }
    const spec = where.path.reduce<Record<string, unknown>>((current, key) => asRecord(current[key]), resource.inputs);
    // A bare Pod that restarts never or only on failure runs to completion.
    const completes = kindOf(resource) === "Pod" && (spec.restartPolicy === "Never" || spec.restartPolicy === "OnFailure");
    return { path: where.path.join("."), spec, longRunning: where.longRunning && !completes };
}

export function containersOf(template: PodTemplate): ContainerAt[] {
    const list = (field: "containers" | "initContainers", init: boolean) =>
        asArray(template.spec[field]).map((item, index) => {
            const container = asRecord(item);
            return { path: `${template.path}.${field}[${index}]`, name: String(container.name ?? index), container, init };
        });
    return [...list("initContainers", true), ...list("containers", false)];
}

/** How a message names a container: its path and name. */
export function containerLabel(at: ContainerAt): string {
    return `${at.path} (${at.name})`;
}

/**
 * Runs a per-container check over every container of a resource; each problem becomes
 * a message naming the container. The pod spec is passed for pod-level defaults.
 */
export function containerProblems(
    resource: PolicyResource,
    problemOf: (at: ContainerAt, pod: Record<string, unknown>, template: PodTemplate) => string | undefined,
): string[] {
    const template = podTemplateOf(resource);
    if (!template) {
        return [];
    }
    return containersOf(template).flatMap((at) => {
        const problem = problemOf(at, template.spec, template);
        return problem ? [`${containerLabel(at)}: ${problem}`] : [];
    });
}
