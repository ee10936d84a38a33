// The whole platform config: the core sections and every add-on's section, plus the
// checks that span sections (unique names, references between apps and jobs, image
// sources, node ports and namespaces shared with add-ons, add-on dependencies).
import * as v from "valibot";

import { ADDONS } from "../../components/addons";
import type { AnyAddon } from "../../components/addons/contract";
import { isActive, planAddons } from "../../components/addons/plan";
import { isSystemNamespace } from "../systemNamespaces";
import { crossCheck, object, PathIssue, withDefault } from "./base";
import { coreSections, CoreSettings, namespacesSection } from "./core";
import { metricTriggerIssues } from "./metricTriggers";
import { teamIssues } from "./teamChecks";

/** The settings of a stack with these add-ons: the core sections and one section per add-on. */
export type PlatformSettingsOf<A extends readonly AnyAddon[]> = CoreSettings & { [K in A[number] as K["configKey"]]: v.InferOutput<K["schema"]> };

export type PlatformSettings = PlatformSettingsOf<typeof ADDONS>;

/** The schema of a stack's config with these add-ons, and the top-level keys it owns. */
export function platformSchemaOf<const A extends readonly AnyAddon[]>(addons: A) {
    const sections = {
        ...coreSections,
        namespaces: namespacesSection(addons.flatMap((addon) => (addon.namespace ? [addon.namespace] : []))),
        ...Object.fromEntries(addons.map((addon) => [addon.configKey, withDefault(addon.schema, {})])),
    };
    const schema = v.pipe(
        object(sections),
        crossCheck((config): PathIssue[] => crossSectionIssues(config as unknown as CoreSettings & Record<string, unknown>, addons)),
    ) as unknown as v.GenericSchema<unknown, PlatformSettingsOf<A>>;
    return { schema, keys: Object.keys(sections) as readonly string[] };
}

const DEFAULT = platformSchemaOf(ADDONS);

export const platformSchema = DEFAULT.schema;

/** The top-level config keys the schema owns; any other project key must hold a referenced secret. */
export const PLATFORM_KEYS: readonly string[] = DEFAULT.keys;

function crossSectionIssues(config: CoreSettings & Record<string, unknown>, addons: readonly AnyAddon[]): PathIssue[] {
    return [
        ...duplicateNameIssues(config),
        ...labelLengthIssues(config),
        ...duplicateNodePortIssues(config, addons),
        ...namespaceIssues(config, addons),
        ...teamIssues(config, addonNamespaceKeys(config)),
        ...healthCheckTargetIssues(config),
        ...imageSourceIssues(config),
        ...awsAccessIssues(config),
        ...planAddons(addons, config, config).problems.map(({ addon, path, message }) => ({ path: path ?? [addon.configKey], message })),
        ...metricTriggerIssues(config, addons),
        ...addonSettingsIssues(config, addons),
    ];
}

/** Each add-on's own checks of its section against the core settings, told whether it is active. */
function addonSettingsIssues(config: CoreSettings & Record<string, unknown>, addons: readonly AnyAddon[]): PathIssue[] {
    return addons.flatMap((addon) => addon.settingsIssues?.(config[addon.configKey], config, isActive(addon, config, config)) ?? []);
}

function duplicateNameIssues(config: CoreSettings): PathIssue[] {
    const seen = new Map<string, string>();
    const issues: PathIssue[] = [];
    const workloads = [
        ...config.apps.map((app, index) => ({ section: "apps", index, name: app.name })),
        ...config.jobs.map((job, index) => ({ section: "jobs", index, name: job.name })),
    ];
    for (const { section, index, name } of workloads) {
        const first = seen.get(name);
        if (first) {
            issues.push({ path: [section, index, "name"], message: `'${name}' is already used by ${first}; workload names must be unique` });
        } else {
            seen.set(name, `${section}[${index}]`);
        }
    }
    return issues;
}

/** Label values are at most 63 characters (IsValidLabelValue): `app.kubernetes.io/instance` is `<name>-<environment>`. */
function labelLengthIssues(config: CoreSettings): PathIssue[] {
    const room = 63 - config.environment.length - 1;
    return (["apps", "jobs"] as const).flatMap((section) =>
        config[section].flatMap((workload, index): PathIssue[] =>
            workload.name.length > room && workload.name.length <= 63 // longer names have their own message
                ? [
                      {
                          path: [section, index, "name"],
                          message: `is ${workload.name.length} characters; with the environment '${config.environment}' it may have at most ${room}, since the label app.kubernetes.io/instance (<name>-<environment>) is limited to 63`,
                      },
                  ]
                : [],
        ),
    );
}

/** Node ports are cluster-wide: apps and active add-ons (e.g. Grafana and Prometheus on kind) must not share one. */
function duplicateNodePortIssues(config: CoreSettings & Record<string, unknown>, addons: readonly AnyAddon[]): PathIssue[] {
    const addonPorts = addons.filter((addon) => isActive(addon, config, config)).flatMap((addon) => addon.nodePorts?.(config[addon.configKey], config) ?? []);
    const appPorts = config.apps.flatMap((app, index) =>
        app.nodePort === undefined ? [] : [{ path: ["apps", index, "nodePort"], port: app.nodePort, owner: `app '${app.name}'` }],
    );
    const seen = new Map<number, string>();
    return [...addonPorts, ...appPorts].flatMap(({ path, port, owner }): PathIssue[] => {
        const first = seen.get(port);
        seen.set(port, first ?? owner);
        return first ? [{ path, message: `${port} is already used by ${first}` }] : [];
    });
}

/** Apps run in restricted namespaces of their own; an active add-on's namespace is the add-on's alone. */
function namespaceIssues(config: CoreSettings & Record<string, unknown>, addons: readonly AnyAddon[]): PathIssue[] {
    const reserved = new Map<string, string>();
    const issues: PathIssue[] = [];
    for (const addon of addons.filter((candidate) => candidate.namespace && isActive(candidate, config, config))) {
        const key = addon.namespace!.key;
        const name = config.namespaces[key];
        const owner = `the ${addon.name} namespace (namespaces.${key})`;
        if (reserved.has(name)) {
            issues.push({ path: ["namespaces", key], message: `'${name}' is also ${reserved.get(name)}; ${addon.name} needs its own namespace` });
        }
        reserved.set(name, owner);
    }
    // Labelled restricted, given a default-deny policy and opened to the secret store, these would break or expose the cluster.
    const systemNamespace = "Kubernetes' own namespace (default, kube-*)";
    const clash = (namespace: string | undefined) =>
        namespace === undefined ? undefined : (reserved.get(namespace) ?? (isSystemNamespace(namespace) ? systemNamespace : undefined));
    if (clash(config.namespaces.apps)) {
        issues.push({
            path: ["namespaces", "apps"],
            message: `'${config.namespaces.apps}' is ${clash(config.namespaces.apps)}; apps need a namespace of their own`,
        });
    }
    for (const section of ["apps", "jobs"] as const) {
        config[section].forEach((workload, index) => {
            if (clash(workload.namespace)) {
                issues.push({
                    path: [section, index, "namespace"],
                    message: `'${workload.namespace}' is ${clash(workload.namespace)}; run workloads in an app namespace`,
                });
            }
        });
    }
    return issues;
}

/** The add-on namespaces by name, with their key under `namespaces`. */
function addonNamespaceKeys(config: CoreSettings): Map<string, string> {
    return new Map(
        Object.entries(config.namespaces)
            .filter(([key]) => key !== "apps")
            .map(([key, name]) => [name, key]),
    );
}

function healthCheckTargetIssues(config: CoreSettings): PathIssue[] {
    const appNames = new Set(config.apps.map((app) => app.name));
    return config.jobs.flatMap((job, jobIndex) =>
        (job.healthCheck?.targets ?? [])
            .map((target, targetIndex) => ({ target, targetIndex }))
            .filter(({ target }) => !appNames.has(target))
            .map(({ target, targetIndex }) => ({
                path: ["jobs", jobIndex, "healthCheck", "targets", targetIndex],
                message: `'${target}' is not an app of this stack (apps: ${[...appNames].join(", ") || "none"})`,
            })),
    );
}

/** AWS roles for apps exist on EKS only: elsewhere no service account could assume one. */
function awsAccessIssues(config: CoreSettings): PathIssue[] {
    return config.cluster.type === "eks"
        ? []
        : config.apps.flatMap((app, index) =>
              app.awsPolicyArns.length > 0
                  ? [
                        {
                            path: ["apps", index, "awsPolicyArns"],
                            message: `needs an EKS cluster (cluster.type eks); on a ${config.cluster.type} cluster no service account can assume an IAM role`,
                        },
                    ]
                  : [],
          );
}

/** Kind and existing clusters need full image references; EKS apps may take their ECR repository plus a tag or digest. */
function imageSourceIssues(config: CoreSettings): PathIssue[] {
    const usesRegistry = config.cluster.type === "eks";
    return config.apps.flatMap((app, index): PathIssue[] => {
        const pinned = app.imageTag !== undefined || app.imageDigest !== undefined;
        if (app.image && pinned) {
            return [{ path: ["apps", index, "image"], message: "set either image or imageTag/imageDigest, not both" }];
        }
        if (!app.image && !usesRegistry) {
            return [
                { path: ["apps", index, "image"], message: `is required on a ${config.cluster.type} cluster (a full reference such as ghcr.io/org/app:1.2.3)` },
            ];
        }
        if (!app.image && !pinned) {
            return [
                {
                    path: ["apps", index, "imageTag"],
                    message: "is required: give imageTag or imageDigest for the app's ECR repository, or a full image reference",
                },
            ];
        }
        return [];
    });
}
