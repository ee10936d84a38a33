// What a plan would put in the cluster, unit by unit in the order the plan registers its
// resources (an order `pulumi up` may take: a resource registers only after everything it
// depends on): the program's own objects, every object a Helm release renders through its
// real chart, and the CRD bundles the plan applies from release URLs. Resources that put
// nothing in the cluster are left out; those that act on it another way are named.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { ResourceRecord } from "../../../offline/evaluate";
import { manifestOf } from "../../../offline/plan/manifests";
import { redactSecretLeaves } from "../../../offline/secretValues";
import { kubernetesKind } from "../../../policy/kubernetes/objects";
import type { KubeObject } from "./kubeApi";
import { parseManifests, renderRelease, RenderContext } from "./helmTemplate";
import { withPlaceholders } from "./unknowns";

export interface Unit {
    /** `type::name` of the Pulumi resource the objects come from. */
    source: string;
    /** The namespace Helm installs into; namespaced objects without one land there. */
    namespace: string;
    objects: KubeObject[];
    /** True where the provider waits for the objects to become ready (releases, workloads). */
    awaited: boolean;
}

/** Resources that act on the cluster without being objects of it, and why the tier leaves them out. */
export const NOT_APPLIED: Readonly<Record<string, string>> = {
    "command:local:Command": "a local command (kind's lifecycle, kubeconfig, drains) runs on the deployer's machine, not in the API server",
};

/**
 * Kinds held back from the API server, with the reason: their service would have to answer
 * the API server's calls, and kwok's pods serve nothing, so with them in place every later
 * request of that kind would fail for a reason no real cluster has.
 */
export const HELD_BACK_KINDS: Readonly<Record<string, string>> = {
    ValidatingWebhookConfiguration: "its webhook service runs no server on kwok's fake pods; failurePolicy Fail would refuse every later request it matches",
    MutatingWebhookConfiguration: "its webhook service runs no server on kwok's fake pods; failurePolicy Fail would refuse every later request it matches",
    APIService: "the aggregated API's service runs no server on kwok's fake pods; discovery of its group would fail for every client",
};

/** API groups whose CRDs an EKS add-on installs (the tier runs no EKS add-on), with the add-on. */
export const ADDON_INSTALLED_GROUPS: Readonly<Record<string, string>> = {
    "snapshot.storage.k8s.io": "the snapshot-controller EKS add-on installs its CRDs (VolumeSnapshotClass and friends); the tier runs no EKS add-on",
};

const groupOf = (object: KubeObject) => (object.apiVersion.includes("/") ? object.apiVersion.split("/")[0] : "");

/** Why the tier does not apply an object, or undefined when it does. */
export function heldBackReason(object: KubeObject): string | undefined {
    return HELD_BACK_KINDS[object.kind] ?? ADDON_INSTALLED_GROUPS[groupOf(object)];
}

/** Where the CRD bundles that releases download live (`../shared/reference/crds/bundles`). */
export function referenceBundles(): string {
    return process.env.PLATFORM_REFERENCE_BUNDLES ?? resolve(__dirname, "../../../../shared/reference/crds/bundles");
}

/** The bundle file for a release asset URL `…/releases/download/<tag>/<file>`: `<project>-<tag>-<file>`. */
export function bundleFor(url: string, bundles = referenceBundles()): string {
    const match = /\/releases\/download\/([^/]+)\/([^/]+)$/.exec(url);
    const wanted = match ? `-${match[1]}-${match[2]}` : undefined;
    const file = wanted && existsSync(bundles) ? readdirSync(bundles).find((name) => name.endsWith(wanted)) : undefined;
    if (!file) {
        throw new Error(`no reference bundle for ${url} under ${bundles}`);
    }
    return join(bundles, file);
}

export async function plannedUnits(resources: readonly ResourceRecord[], render: () => Promise<RenderContext>): Promise<Unit[]> {
    const units: Unit[] = [];
    for (const record of resources) {
        const source = `${record.type}::${record.name}`;
        if (record.type === "kubernetes:helm.sh/v3:Release") {
            const release = { ...record, inputs: { ...record.inputs, values: redactSecretLeaves(record.inputs.values) } } as ResourceRecord;
            const namespace = String(record.inputs.namespace);
            units.push({ source, namespace, objects: await renderRelease(release, await render()), awaited: record.inputs.skipAwait !== true });
        } else if (record.type === "kubernetes:yaml/v2:ConfigFile") {
            const file = bundleFor(String(record.inputs.file));
            units.push({ source, namespace: "default", objects: parseManifests(readFileSync(file, "utf8"), basename(file)), awaited: true });
        } else if (kubernetesKind(record.type)) {
            const object = withPlaceholders(manifestOf(record)!.object) as KubeObject;
            units.push({ source, namespace: "default", objects: [object], awaited: !isSkipAwait(object) });
        }
    }
    return units;
}

function isSkipAwait(object: KubeObject): boolean {
    const annotations = (object.metadata.annotations ?? {}) as Record<string, string>;
    return annotations["pulumi.com/skipAwait"] === "true";
}

/** The objects the tier applies, and those it holds back by kind. */
export function split(objects: readonly KubeObject[]): { applied: KubeObject[]; heldBack: KubeObject[] } {
    return {
        applied: objects.filter((object) => !heldBackReason(object)),
        heldBack: objects.filter((object) => heldBackReason(object)),
    };
}
