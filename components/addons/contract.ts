// The add-on contract. An add-on is one folder under components/addons/ whose index.ts
// exports one `defineAddon({...})`: its config section (a valibot schema with defaults),
// where it runs, the namespace it needs with its Pod Security level, its pinned charts,
// the schema packages of the kinds it writes, the secret config keys it reads, the
// capabilities it requires, uses when present, and provides, and a deploy function that
// registers its components and returns those capabilities. components/addons/index.ts
// lists the add-ons; Platform deploys the enabled ones in dependency order.
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type * as v from "valibot";

import type { ConfigProblem } from "../../stacks/configError";
import type { PathIssue } from "../../stacks/schema/base";
import type { CoreSettings } from "../../stacks/schema/core";
import type { SecretReference } from "../../stacks/secretReferences";
import type { Cluster, EksCluster } from "../cluster";
import type { PinnedChart } from "../helmRelease";
import type { NamespaceSpec, PodSecurityLevel } from "../namespaces";
import type { DeployedWorkloads } from "../workloads/deployed";
import type { CapabilityName, CapabilityTypes } from "./capabilityTypes";

export type ClusterType = CoreSettings["cluster"]["type"];

/** A namespace the add-on's workloads run in, created (and labelled) by the platform. */
export interface AddonNamespace {
    /** Its key under the `namespaces` config section, e.g. `monitoring` for `namespaces.monitoring`. */
    readonly key: string;
    /** Its name when the stack sets none. */
    readonly defaultName: string;
    /** The Pod Security level it enforces; anything but `restricted` says why in a comment. */
    readonly podSecurity: PodSecurityLevel;
}

/** A node port an add-on's Service takes on every node (checked for clashes with the apps' and others'). */
export interface AddonNodePort {
    /** Key path of the config that sets it, relative to the config root. */
    readonly path: (string | number)[];
    readonly port: number;
    readonly owner: string;
}

/** The cluster an add-on that runs on `Runs` gets: an EksCluster when it runs on EKS only. */
export type ClusterOf<Runs extends ClusterType> = ClusterType extends Runs ? Cluster : [Runs] extends ["eks"] ? EksCluster : Cluster;

/** The namespace an add-on gets: its own when it declares one (the platform created it), none otherwise. */
export type NamespaceOf<Declared extends AddonNamespace | undefined> = Declared extends AddonNamespace ? AddonNamespaceRef : undefined;

/** A namespace the platform created, by name and resource. */
export interface AddonNamespaceRef {
    readonly name: string;
    readonly resource: k8s.core.v1.Namespace;
}

/**
 * What deploy receives: the validated config, the cluster, its namespace, secrets, and earlier
 * add-ons' capabilities. The plan deploys an add-on only on the cluster types of its runsOn, and
 * Platform passes the namespace it declares, so the types follow the declaration.
 */
export interface AddonContext<Section, Runs extends ClusterType = ClusterType, Declared extends AddonNamespace | undefined = AddonNamespace | undefined> {
    /** The add-on's own config section, validated and with defaults. */
    readonly config: Section;
    /** The platform's core config: environment, cluster, apps and jobs (all of the config's), namespaces. */
    readonly settings: CoreSettings;
    readonly stack: string;
    /** The cluster: its provider, readiness, and on EKS its workload identity and config. */
    readonly cluster: ClusterOf<Runs>;
    readonly provider: k8s.Provider;
    /** The add-on's namespace, when it declares one. */
    readonly namespace: NamespaceOf<Declared>;
    /** Every namespace the platform creates (the apps' and the deployed add-ons'), with its Pod Security level. */
    readonly platformNamespaces: readonly NamespaceSpec[];
    /** Those namespaces' resources by name, for objects placed in them. */
    readonly namespaceResources: Readonly<Record<string, k8s.core.v1.Namespace>>;
    /** Secret config values by key (Pulumi secrets), of the keys that are set. */
    readonly secrets: Readonly<Record<string, pulumi.Output<string>>>;
    /** Apps held back from this update (their image is not pushed yet), with the image reference to push. */
    readonly heldBack: ReadonlyMap<string, string>;
    /** The apps and jobs this update deploys (held-back apps and the health checks that probe them removed). */
    readonly deployed: DeployedWorkloads;
    /** AWS tags of the stack's resources. */
    readonly tags: Readonly<Record<string, string>>;
    /** Capabilities of the add-ons deployed before this one. */
    readonly capabilities: CapabilityLookup;
    /** The parent of the add-on's components (the Platform). */
    readonly parent: pulumi.Resource;
}

export interface CapabilityLookup {
    /** A capability the add-on `uses`: undefined when no deployed add-on provides it. */
    get<K extends CapabilityName>(name: K): CapabilityTypes[K] | undefined;
    /** A capability the add-on `requires`: the plan has checked that it is provided. */
    require<K extends CapabilityName>(name: K): CapabilityTypes[K];
}

export interface AddonResult<Provides extends CapabilityName> {
    readonly capabilities: Pick<CapabilityTypes, Provides>;
    /** Stack outputs the add-on contributes, by output name. */
    readonly outputs?: Record<string, unknown>;
}

export interface Addon<
    Key extends string = string,
    Schema extends v.GenericSchema = v.GenericSchema,
    Provides extends CapabilityName = CapabilityName,
    Runs extends ClusterType = ClusterType,
    Declared extends AddonNamespace | undefined = AddonNamespace | undefined,
> {
    /** The add-on's name in messages and the README, e.g. `monitoring`. */
    readonly name: string;
    /** Its top-level config key (`platform:<configKey>`); the section is optional and takes the schema's defaults. */
    readonly configKey: Key;
    readonly schema: Schema;
    /** Cluster types it runs on; elsewhere it is skipped, whatever its config says. */
    readonly runsOn: readonly Runs[];
    /** Whether the stack asked for it (e.g. its section's `enabled`). */
    readonly enabled: (section: v.InferOutput<Schema>) => boolean;
    readonly namespace?: Declared;
    /** Application namespaces it needs the platform to create (restricted, like the apps'), while it is deployed. */
    readonly appNamespaces?: (section: v.InferOutput<Schema>) => readonly string[];
    /** The Helm charts it installs (pinned); each has a reference shape in test/fixtures/reference/charts. */
    readonly charts: readonly PinnedChart[];
    /** kubernetes-models packages holding the schemas of the API groups whose objects it writes. */
    readonly models?: Readonly<Record<string, string>>;
    /**
     * CRD schemas of kinds it writes, by `<group>/<Kind>`: the name of a schema facts file in
     * test/fixtures/reference/crds (`<group>_<plural>`, derived by `npm run reference-facts`).
     * The offline plan validates those objects against it, beside any model package (whose
     * schema may be older than the CRD the chart installs).
     */
    readonly crdSchemas?: Readonly<Record<string, string>>;
    /** Secret config keys its section names. */
    readonly secretReferences?: (section: v.InferOutput<Schema>) => SecretReference[];
    /** Checks of the content of set secrets (messages name the key, never the value). */
    readonly secretProblems?: (section: v.InferOutput<Schema>, secretValues: Readonly<Record<string, unknown>>) => ConfigProblem[];
    /**
     * Checks of the core settings (apps, jobs) against its section, run whether or not it is
     * active (e.g. apps asking for what only this add-on provides); paths from the config root.
     */
    readonly settingsIssues?: (section: v.InferOutput<Schema>, settings: CoreSettings, active: boolean) => PathIssue[];
    /** Node ports its Services take on kind (and wherever Services are NodePorts). */
    readonly nodePorts?: (section: v.InferOutput<Schema>, settings: CoreSettings) => AddonNodePort[];
    readonly requires?: readonly CapabilityName[];
    readonly uses?: readonly CapabilityName[];
    /**
     * Add-ons (by config key) that must be active while this one is, and why: for what one needs
     * of another that is not a capability it consumes (no ordering edge; plan.ts checks it).
     */
    readonly mustBeActive?: readonly { readonly configKey: string; readonly because: string }[];
    readonly provides: readonly Provides[];
    readonly deploy: (context: AddonContext<v.InferOutput<Schema>, Runs, Declared>) => AddonResult<Provides>;
}

/**
 * A config value the add-on's settingsIssues require while it is active: config validation has
 * refused a stack without it before any deploy runs, so its absence here is a defect, not bad input.
 */
export function requiredWhileActive<T>(value: T | undefined, key: string): T {
    if (value === undefined) {
        throw new Error(`${key} is unset in deploy, although settingsIssues require it while the add-on is active`);
    }
    return value;
}

/** An add-on of any section and capabilities, as the registry holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry is heterogeneous; each definition is checked by defineAddon
export type AnyAddon = Addon<string, any, any, any, any>;

/**
 * Declares an add-on; its config section's type flows from the schema into every function, and
 * its deploy's cluster and namespace follow `runsOn` and `namespace`.
 */
export function defineAddon<
    const Key extends string,
    Schema extends v.GenericSchema,
    const Provides extends CapabilityName = never,
    const Runs extends ClusterType = ClusterType,
    const Declared extends AddonNamespace | undefined = undefined,
>(addon: Addon<Key, Schema, Provides, Runs, Declared>): Addon<Key, Schema, Provides, Runs, Declared> {
    return addon;
}
