// Kubernetes objects as Pulumi resources. The type token carries the object's
// apiVersion and kind: `kubernetes:apps/v1:Deployment`, `kubernetes:core/v1:Service`
// (the core group is spelled `core`), and for custom resources the apiVersion as
// written, e.g. `kubernetes:monitoring.coreos.com/v1:ServiceMonitor`.
import type { PolicyResource } from "../rule";

export interface KubernetesKind {
    apiVersion: string;
    kind: string;
}

export interface ObjectMeta {
    name?: string;
    namespace?: string;
    labels: Record<string, unknown>;
}

const TYPE_TOKEN = /^kubernetes:([^:]+\/[^:/]+):([A-Z][A-Za-z0-9]*)$/;
/** Modules whose resources render or install objects (Helm, YAML, Kustomize) rather than being one. */
const RENDERING_MODULES = /^(helm\.sh|yaml|kustomize)\//;

const KINDS = new Map<string, KubernetesKind | undefined>();

/**
 * apiVersion and kind of a resource that is one Kubernetes object, or undefined (providers,
 * Helm releases, patches, non-Kubernetes resources). Read once per type: every rule asks it of
 * every resource.
 */
export function kubernetesKind(type: string): KubernetesKind | undefined {
    if (!KINDS.has(type)) {
        KINDS.set(type, parseKind(type));
    }
    return KINDS.get(type);
}

function parseKind(type: string): KubernetesKind | undefined {
    const match = TYPE_TOKEN.exec(type);
    if (!match || RENDERING_MODULES.test(match[1]) || match[2].endsWith("Patch")) {
        return undefined;
    }
    const [, module, kind] = match;
    return Object.freeze({ apiVersion: module.startsWith("core/") ? module.slice("core/".length) : module, kind });
}

export function kindOf(resource: PolicyResource): string | undefined {
    return kubernetesKind(resource.type)?.kind;
}

export function metadataOf(resource: PolicyResource): ObjectMeta {
    const metadata = asRecord(resource.inputs.metadata);
    return {
        name: typeof metadata.name === "string" ? metadata.name : undefined,
        namespace: typeof metadata.namespace === "string" ? metadata.namespace : undefined,
        labels: asRecord(metadata.labels),
    };
}

/** How violations name an object: `Kind/namespace/name` for Kubernetes objects, `type::name` otherwise. */
export function objectRef(resource: PolicyResource): string {
    const kind = kindOf(resource);
    if (!kind) {
        return `${resource.type}::${resource.name}`;
    }
    const { name, namespace } = metadataOf(resource);
    return [kind, namespace, name ?? resource.name].filter((part) => part !== undefined).join("/");
}

/** The value as an object to read fields from; anything else reads as empty. */
export function asRecord(value: unknown): Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function asArray(value: unknown): unknown[] {
    return Array.isArray(value) ? value : [];
}
