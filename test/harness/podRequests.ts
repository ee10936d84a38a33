// What the pods a plan declares request, summed per workload (pure): the pod templates of the
// rendered charts and of the plan's own objects, times their replicas (DaemonSets: once per
// node), and the Prometheus and Alertmanager pods the Prometheus Operator makes from its CRs.
import { parseQuantity } from "../../stacks/quantities";

export interface Requests {
    cpu: number;
    memory: number;
}

export interface WorkloadRequests extends Requests {
    /** `<source> <Kind>/<name>` */
    workload: string;
    /** Pods of this workload on the group (DaemonSets: one per node). */
    pods: number;
}

type Obj = { kind?: string; metadata?: { name?: string }; spec?: any };
type Container = { resources?: { requests?: Record<string, string> } };

const quantity = (value: string | undefined) => (value === undefined ? 0 : (parseQuantity(String(value)) ?? 0));

/** A pod's effective request: its containers summed, or its largest init container if that is more (the scheduler's rule). */
export function podRequests(spec: { containers?: Container[]; initContainers?: Container[] }): Requests {
    const of = (container: Container) => ({ cpu: quantity(container.resources?.requests?.cpu), memory: quantity(container.resources?.requests?.memory) });
    const main = (spec.containers ?? []).map(of).reduce((sum, item) => ({ cpu: sum.cpu + item.cpu, memory: sum.memory + item.memory }), { cpu: 0, memory: 0 });
    const init = (spec.initContainers ?? []).map(of);
    return { cpu: Math.max(main.cpu, ...init.map((item) => item.cpu)), memory: Math.max(main.memory, ...init.map((item) => item.memory)) };
}

/** The requests of one object's pods, or undefined for an object that makes no long-running pod. */
export function workloadRequests(source: string, object: Obj, nodes: number): WorkloadRequests | undefined {
    const workload = `${source} ${object.kind}/${object.metadata?.name}`;
    const spec = object.spec ?? {};
    switch (object.kind) {
        case "Deployment":
        case "StatefulSet":
            return { workload, pods: spec.replicas ?? 1, ...podRequests(spec.template?.spec ?? {}) };
        case "DaemonSet":
            return { workload, pods: nodes, ...podRequests(spec.template?.spec ?? {}) };
        case "Prometheus":
        case "Alertmanager":
            // The operator's StatefulSet runs the main container with spec.resources, beside its config reloader.
            return { workload, pods: spec.replicas ?? 1, cpu: quantity(spec.resources?.requests?.cpu), memory: quantity(spec.resources?.requests?.memory) };
        default:
            return undefined;
    }
}

export function total(items: readonly WorkloadRequests[]): Requests {
    return items.reduce((sum, item) => ({ cpu: sum.cpu + item.cpu * item.pods, memory: sum.memory + item.memory * item.pods }), { cpu: 0, memory: 0 });
}
