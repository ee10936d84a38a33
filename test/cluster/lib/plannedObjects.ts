// What a plan would put in the cluster, unit by unit in the order the plan registers its
// resources (an order `pulumi up` may take: a resource registers only after everything it
// depends on): the program's own objects, and every object a Helm release or chart renders
// through its real chart. Resources that put nothing in the cluster are left out.
import type { ResourceRecord } from "../../../offline/evaluate";
import { manifestOf } from "../../../offline/plan/manifests";
import { redactSecretLeaves } from "../../../offline/secretValues";
import { kubernetesKind } from "../../../policy/kubernetes/objects";
import { RenderContext, renderRelease } from "./helmTemplate";
import type { KubeObject } from "./kubeApi";
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

/** The Helm hook events an object is for (`helm.sh/hook`), none for a plain object. */
export function hookEvents(object: KubeObject): string[] {
    const hook = ((object.metadata.annotations ?? {}) as Record<string, string>)["helm.sh/hook"];
    return hook ? hook.split(",").map((event) => event.trim()) : [];
}

/** An install hook Helm deletes once it succeeded: it runs, and is not part of the release. */
export function isTransientHook(object: KubeObject): boolean {
    const policy = ((object.metadata.annotations ?? {}) as Record<string, string>)["helm.sh/hook-delete-policy"] ?? "before-hook-creation";
    return hookEvents(object).length > 0 && policy.includes("hook-succeeded");
}

const INSTALL_HOOKS = ["pre-install", "post-install"];

/** Why the tier does not apply an object, or undefined when it does. */
export function heldBackReason(object: KubeObject): string | undefined {
    const events = hookEvents(object);
    if (events.length > 0 && !events.some((event) => INSTALL_HOOKS.includes(event))) {
        return `a Helm hook of ${events.join(", ")}: Helm runs it then, not when it installs the release`;
    }
    return HELD_BACK_KINDS[object.kind] ?? ADDON_INSTALLED_GROUPS[groupOf(object)];
}

/**
 * The units of a plan. Each release renders with the API versions the server would serve
 * when `pulumi up` reaches it: the server's own (`context.apiVersions`) and those of every
 * CRD an earlier unit installs.
 */
export async function plannedUnits(resources: readonly ResourceRecord[], context: RenderContext): Promise<Unit[]> {
    const units: Unit[] = [];
    const apiVersions = [...context.apiVersions];
    for (const record of resources) {
        const source = `${record.type}::${record.name}`;
        if (record.type.startsWith("kubernetes:helm.sh/")) {
            // A v3 Release names its release and namespace; a v4 Chart is rendered by the provider
            // under its resource name, into `default` unless it names a namespace.
            const inputs = {
                ...record.inputs,
                name: record.inputs.name ?? record.name,
                namespace: String(record.inputs.namespace ?? "default"),
                values: redactSecretLeaves(record.inputs.values),
            };
            const objects = await renderRelease({ ...record, inputs }, { ...context, apiVersions: [...apiVersions] });
            units.push({ source, namespace: inputs.namespace, objects, awaited: record.inputs.skipAwait !== true });
        } else if (kubernetesKind(record.type)) {
            const object = withPlaceholders(manifestOf(record)!.object) as KubeObject;
            units.push({ source, namespace: "default", objects: [object], awaited: !isSkipAwait(object) });
        } else {
            continue; // not an object: providers, components, cloud resources, and local Commands (kind's lifecycle, drains), which run on the deployer's machine
        }
        apiVersions.push(...servedBy(units[units.length - 1].objects));
    }
    return units;
}

/** The `group/version` and `group/version/Kind` entries the CRDs among these objects add to discovery. */
function servedBy(objects: readonly KubeObject[]): string[] {
    return objects
        .filter((object) => object.kind === "CustomResourceDefinition")
        .flatMap((crd) => {
            const spec = crd.spec as { group: string; names: { kind: string }; versions: { name: string; served: boolean }[] };
            return spec.versions
                .filter((version) => version.served)
                .flatMap((version) => [`${spec.group}/${version.name}`, `${spec.group}/${version.name}/${spec.names.kind}`]);
        });
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
