// The whole platform config: one schema over every section, plus the checks that
// span sections (unique names, references between apps and jobs, image sources).
import * as v from "valibot";
import { PathIssue, crossCheck, object, withDefault } from "./base";
import { cluster } from "./cluster";
import { gitops } from "./gitops";
import { monitoring } from "./monitoring";
import { dnsLabel } from "./primitives";
import { scheduledJob, webService } from "./workloads";

const namespaces = object({
    apps: withDefault(dnsLabel, "apps"),
    monitoring: withDefault(dnsLabel, "monitoring"),
    gitops: withDefault(dnsLabel, "flux-system"),
});

const sections = {
    environment: dnsLabel,
    cluster,
    namespaces: withDefault(namespaces, {}),
    apps: withDefault(v.array(webService), []),
    jobs: withDefault(v.array(scheduledJob), []),
    monitoring: withDefault(monitoring, {}),
    gitops: withDefault(gitops, {}),
};

export const platformSchema = v.pipe(
    object(sections),
    crossCheck((config): PathIssue[] => crossSectionIssues(config)),
);

/** The top-level config keys the schema owns; any other project key must hold a referenced secret. */
export const PLATFORM_KEYS: readonly string[] = Object.keys(sections);

export type PlatformSettings = v.InferOutput<typeof platformSchema>;

function crossSectionIssues(config: PlatformSettings): PathIssue[] {
    return [
        ...duplicateNameIssues(config),
        ...labelLengthIssues(config),
        ...duplicateNodePortIssues(config),
        ...namespaceIssues(config),
        ...healthCheckTargetIssues(config),
        ...imageSourceIssues(config),
    ];
}

function duplicateNameIssues(config: PlatformSettings): PathIssue[] {
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
function labelLengthIssues(config: PlatformSettings): PathIssue[] {
    const room = 63 - config.environment.length - 1;
    return (["apps", "jobs"] as const).flatMap((section) =>
        config[section].flatMap((workload, index): PathIssue[] =>
            workload.name.length > room && workload.name.length <= 63 // longer names have their own message
                ? [{ path: [section, index, "name"], message: `is ${workload.name.length} characters; with the environment '${config.environment}' it may have at most ${room}, since the label app.kubernetes.io/instance (<name>-<environment>) is limited to 63` }]
                : [],
        ),
    );
}

/** Node ports are cluster-wide: apps and, on kind, Grafana and Prometheus must not share one. */
function duplicateNodePortIssues(config: PlatformSettings): PathIssue[] {
    const monitoringPorts =
        config.cluster.type === "kind" && config.monitoring.enabled
            ? [
                  { path: ["monitoring", "grafana", "nodePort"], port: config.monitoring.grafana.nodePort, owner: "Grafana" },
                  { path: ["monitoring", "prometheus", "nodePort"], port: config.monitoring.prometheus.nodePort, owner: "Prometheus" },
              ]
            : [];
    const appPorts = config.apps.flatMap((app, index) =>
        app.nodePort === undefined ? [] : [{ path: ["apps", index, "nodePort"], port: app.nodePort, owner: `app '${app.name}'` }],
    );
    const seen = new Map<number, string>();
    return [...monitoringPorts, ...appPorts].flatMap(({ path, port, owner }): PathIssue[] => {
        const first = seen.get(port);
        seen.set(port, first ?? owner);
        return first ? [{ path, message: `${port} is already used by ${first}` }] : [];
    });
}

/** Apps run in restricted namespaces; the monitoring (privileged) and Flux namespaces are the add-ons' own. */
function namespaceIssues(config: PlatformSettings): PathIssue[] {
    const reserved = new Map<string, string>();
    if (config.monitoring.enabled) {
        reserved.set(config.namespaces.monitoring, "the monitoring namespace (namespaces.monitoring)");
    }
    if (config.gitops.enabled) {
        if (reserved.has(config.namespaces.gitops)) {
            return [{ path: ["namespaces", "gitops"], message: `'${config.namespaces.gitops}' is also ${reserved.get(config.namespaces.gitops)}; Flux needs its own namespace` }];
        }
        reserved.set(config.namespaces.gitops, "the Flux namespace (namespaces.gitops)");
    }
    const clash = (namespace: string | undefined) => (namespace === undefined ? undefined : reserved.get(namespace));
    const issues: PathIssue[] = [];
    if (clash(config.namespaces.apps)) {
        issues.push({ path: ["namespaces", "apps"], message: `'${config.namespaces.apps}' is ${clash(config.namespaces.apps)}; apps need a namespace of their own` });
    }
    for (const section of ["apps", "jobs"] as const) {
        config[section].forEach((workload, index) => {
            if (clash(workload.namespace)) {
                issues.push({ path: [section, index, "namespace"], message: `'${workload.namespace}' is ${clash(workload.namespace)}; run workloads in an app namespace` });
            }
        });
    }
    return issues;
}

function healthCheckTargetIssues(config: PlatformSettings): PathIssue[] {
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

/** Kind and existing clusters need full image references; EKS apps may take their ECR repository plus a tag or digest. */
function imageSourceIssues(config: PlatformSettings): PathIssue[] {
    const usesRegistry = config.cluster.type === "eks";
    return config.apps.flatMap((app, index): PathIssue[] => {
        const pinned = app.imageTag !== undefined || app.imageDigest !== undefined;
        if (app.image && pinned) {
            return [{ path: ["apps", index, "image"], message: "set either image or imageTag/imageDigest, not both" }];
        }
        if (!app.image && !usesRegistry) {
            return [{ path: ["apps", index, "image"], message: `is required on a ${config.cluster.type} cluster (a full reference such as ghcr.io/org/app:1.2.3)` }];
        }
        if (!app.image && !pinned) {
            return [{ path: ["apps", index, "imageTag"], message: "is required: give imageTag or imageDigest for the app's ECR repository, or a full image reference" }];
        }
        return [];
    });
}
