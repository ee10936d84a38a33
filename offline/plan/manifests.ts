// The Kubernetes objects the program declares directly, as the manifests the provider
// would send: apiVersion and kind from the type token, the rest from the inputs with
// secrets redacted leaf by leaf (so a Secret keeps its keys and stays a valid object).
// Helm releases, providers and patches are not objects and are left out.
import { kubernetesKind } from "../../policy/kubernetes/objects";
import type { ResourceRecord } from "../evaluate";
import { REDACTED, redactSecretLeaves } from "../secretValues";
import { manifestYaml } from "./manifestYaml";
import { resourceKey } from "./planResource";

export interface Manifest {
    /** The Pulumi resource the object comes from. */
    resource: { type: string; name: string };
    object: Record<string, unknown>;
}

/** Secret `data` values are base64: the placeholder is encoded so the object stays valid. */
const ENCODED_REDACTED = Buffer.from(REDACTED).toString("base64");

export function manifestOf(record: ResourceRecord): Manifest | undefined {
    const kind = kubernetesKind(record.type);
    if (!kind) {
        return undefined;
    }
    // apiVersion and kind lead the object, as in any manifest; the type token is their source of truth.
    const fields = { ...(redactSecretLeaves(record.inputs) as Record<string, unknown>) };
    delete fields.apiVersion;
    delete fields.kind;
    const object = { apiVersion: kind.apiVersion, kind: kind.kind, ...fields };
    return { resource: { type: record.type, name: record.name }, object: kind.kind === "Secret" ? encodeRedactedData(object) : object };
}

export function kubernetesManifests(records: readonly ResourceRecord[]): Manifest[] {
    return records.map(manifestOf).filter((manifest): manifest is Manifest => manifest !== undefined);
}

function encodeRedactedData(secret: Record<string, unknown>): Record<string, unknown> {
    const data = secret.data;
    if (data === null || typeof data !== "object") {
        return secret;
    }
    const encoded = Object.entries(data).map(([key, value]) => [key, value === REDACTED ? ENCODED_REDACTED : value]);
    return { ...secret, data: Object.fromEntries(encoded) };
}

/**
 * One YAML document per object, each headed by the Pulumi resource it comes from. Long
 * lines are not folded, objects the inputs share are written out each time (no anchors),
 * and quoted strings take double quotes, the form JSON shares (MANIFEST_YAML_OPTIONS: each
 * object exactly as js-yaml dumps it with them).
 */
export function renderManifestsYaml(manifests: readonly Manifest[]): string {
    return manifests.map((manifest) => `---\n# ${resourceKey(manifest.resource)}\n\n${manifestYaml(manifest.object)}`).join("");
}
