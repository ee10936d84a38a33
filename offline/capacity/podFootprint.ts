// What a workload's pods ask the scheduler for: the memory requests of one pod (its
// containers together; an init container only when it asks for more, since it runs first
// and alone) and how many such pods run.
import { parseQuantity } from "../../stacks/quantities";

export interface PodFootprint {
    /** `<Kind>/<name>` of the object that makes the pods. */
    readonly workload: string;
    readonly replicas: number;
    /** Memory requests of one pod, in bytes. */
    readonly memoryBytes: number;
}

type Resources = { requests?: { memory?: unknown } } | undefined;
interface Container {
    resources?: Resources;
}

/** A container's memory request in bytes; `fallback` (a quantity) when it sets none. */
export function memoryRequest(resources: Resources, fallback = "0"): number {
    const value = resources?.requests?.memory;
    return parseQuantity(typeof value === "string" ? value : typeof value === "number" ? String(value) : fallback) ?? 0;
}

/** One pod's memory requests: its containers summed, or its largest init container if that asks for more. */
export function podMemory(spec: { containers?: Container[]; initContainers?: Container[] } | undefined): number {
    const main = (spec?.containers ?? []).reduce((sum, container) => sum + memoryRequest(container.resources), 0);
    const init = Math.max(0, ...(spec?.initContainers ?? []).map((container) => memoryRequest(container.resources)));
    return Math.max(main, init);
}

export const MiB = 2 ** 20;
export const GiB = 2 ** 30;

/** Bytes as MiB, or GiB with two decimals from 1 GiB on. */
export function formatBytes(bytes: number): string {
    return bytes >= GiB ? `${(bytes / GiB).toFixed(2)} GiB` : `${Math.round(bytes / MiB)} MiB`;
}

export function totalBytes(pods: readonly PodFootprint[]): number {
    return pods.reduce((sum, pod) => sum + pod.replicas * pod.memoryBytes, 0);
}
