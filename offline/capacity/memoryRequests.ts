// The memory the plan's pods request together: the workloads the program declares, the pods
// of each Helm release (chartPods.ts), and the Envoy proxy pods Envoy Gateway creates for
// an EnvoyProxy. The offline plan prints the total for kind stacks, whose pods all share one
// worker's memory, the Docker engine's.
import { releasePods } from "./chartPods";
import { memoryRequest, podMemory, totalBytes, type PodFootprint } from "./podFootprint";

export interface PlannedResource {
    readonly type: string;
    readonly name: string;
    readonly inputs: Record<string, unknown>;
}

export interface MemoryRequests {
    /** Each workload's pods, with what declares them (a release, or the program). */
    readonly pods: readonly (PodFootprint & { readonly source: string })[];
    readonly totalBytes: number;
    /** Releases of charts without a model: their pods are not in the total. */
    readonly unknown: readonly string[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- planned inputs are free-form JSON, read at the paths of each kind's schema
type Json = any;

const RELEASE = "kubernetes:helm.sh/v3:Release";
const ENVOY_PROXY = "kubernetes:gateway.envoyproxy.io/v1alpha1:EnvoyProxy";

/**
 * Envoy Gateway v1.9.0: the proxy container requests 512Mi unless the EnvoyProxy sets its
 * resources (api/v1alpha1/kubernetes_helpers.go:107-122, shared_types.go:27), and the
 * shutdown-manager sidecar always requests 32Mi (internal/infrastructure/kubernetes/proxy/resource.go:199-205,
 * shared_types.go:33); one replica unless envoyDeployment.replicas says more.
 */
function envoyProxyPods(name: string, spec: Json): PodFootprint {
    const deployment = spec?.provider?.kubernetes?.envoyDeployment;
    const envoy = memoryRequest(deployment?.container?.resources, "512Mi");
    return { workload: `EnvoyProxy/${name}`, replicas: deployment?.replicas ?? 1, memoryBytes: envoy + memoryRequest(undefined, "32Mi") };
}

/** A workload the program declares: its replicas (DaemonSets and CronJobs: one pod at a time) and one pod's requests. */
function declaredPods(kind: string, name: string, object: Json): PodFootprint | undefined {
    switch (kind) {
        case "Deployment":
        case "StatefulSet":
            return { workload: `${kind}/${name}`, replicas: object.spec?.replicas ?? 1, memoryBytes: podMemory(object.spec?.template?.spec) };
        case "DaemonSet":
            return { workload: `${kind}/${name}`, replicas: 1, memoryBytes: podMemory(object.spec?.template?.spec) };
        case "CronJob":
            return { workload: `${kind}/${name}`, replicas: 1, memoryBytes: podMemory(object.spec?.jobTemplate?.spec?.template?.spec) };
        case "Pod":
            return { workload: `${kind}/${name}`, replicas: 1, memoryBytes: podMemory(object.spec) };
        default:
            return undefined;
    }
}

export function memoryRequests(resources: readonly PlannedResource[]): MemoryRequests {
    const pods: (PodFootprint & { source: string })[] = [];
    const unknown: string[] = [];
    for (const resource of resources) {
        const inputs = resource.inputs as Json;
        if (resource.type === RELEASE) {
            const released = releasePods(String(inputs.chart), String(inputs.name), inputs.values ?? {});
            if (released) {
                pods.push(...released.map((pod) => ({ ...pod, source: resource.name })));
            } else {
                unknown.push(`${resource.name} (${inputs.chart})`);
            }
        } else if (resource.type === ENVOY_PROXY) {
            pods.push({ ...envoyProxyPods(inputs.metadata?.name ?? resource.name, inputs.spec), source: resource.name });
        } else if (resource.type.startsWith("kubernetes:")) {
            const declared = declaredPods(resource.type.split(":").pop()!, inputs.metadata?.name ?? resource.name, inputs);
            if (declared) {
                pods.push({ ...declared, source: resource.name });
            }
        }
    }
    return { pods, totalBytes: totalBytes(pods), unknown };
}
