// Schemas of the application workloads: long-running web services and scheduled jobs.
import * as v from "valibot";

import { externalSecretRefProblem } from "../externalSecretRef";
import { DIGEST_PATTERN, TAG_PATTERN } from "../imageReference";
import { parseQuantity } from "../quantities";
import { autoscaling } from "./autoscaling";
import { checkWith, crossCheck, int, int32AtLeast, object, PathIssue, record, withDefault } from "./base";
import {
    absolutePath,
    configMapKey,
    cpuQuantity,
    cronSchedule,
    dns1035Label,
    dnsLabel,
    dnsSubdomain,
    duration,
    durationSeconds,
    envName,
    httpPath,
    imageReference,
    memoryQuantity,
    nodePort,
    nonRootUserId,
    port,
    routePath,
    scalarString,
    secretConfigKey,
    storageQuantity,
    timeZone,
} from "./primitives";
import { workloadIssues } from "./workloadChecks";

/** A managed policy: AWS's (arn:aws:iam::aws:policy/...) or the account's. */
const iamPolicyArn = v.pipe(
    v.string(),
    v.regex(
        /^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/[\w+=,.@/-]+$/,
        "must be the ARN of an IAM managed policy, e.g. arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
    ),
);

const computeResources = object({
    cpu: cpuQuantity,
    memory: memoryQuantity,
});

/** Requests and limits; every container gets both, and no request may exceed its limit. */
export const resources = v.pipe(
    object({
        requests: withDefault(computeResources, { cpu: "100m", memory: "128Mi" }),
        limits: withDefault(computeResources, { cpu: "500m", memory: "256Mi" }),
    }),
    crossCheck((value): PathIssue[] =>
        (["cpu", "memory"] as const).flatMap((kind) => {
            const request = parseQuantity(value.requests[kind]);
            const limit = parseQuantity(value.limits[kind]);
            return request !== undefined && limit !== undefined && request > limit
                ? [{ path: ["requests", kind], message: `request ${value.requests[kind]} is above the limit ${value.limits[kind]}` }]
                : [];
        }),
    ),
);

const probe = object({
    path: withDefault(httpPath, "/"),
    port: v.optional(port),
    initialDelaySeconds: withDefault(int32AtLeast(0, "must be 0 or more"), 5),
    periodSeconds: withDefault(durationSeconds, 10),
    timeoutSeconds: withDefault(durationSeconds, 3),
    failureThreshold: withDefault(int32AtLeast(1, "must be at least 1"), 3),
});

/** Replica bounds: the HPA scales between min and max; `initial` is the Deployment's starting count. */
const replicas = v.pipe(
    object({
        min: withDefault(int32AtLeast(1, "must be at least 1", "must be an integer"), 1),
        max: withDefault(int32AtLeast(1, "must be at least 1", "must be an integer"), 3),
        initial: v.optional(int("must be an integer")),
    }),
    crossCheck((value): PathIssue[] => {
        const issues: PathIssue[] = [];
        if (value.min > value.max) {
            issues.push({ path: ["min"], message: `min (${value.min}) is above max (${value.max})` });
        }
        if (value.initial !== undefined && (value.initial < value.min || value.initial > value.max)) {
            issues.push({ path: ["initial"], message: `initial (${value.initial}) is outside min..max (${value.min}..${value.max})` });
        }
        return issues;
    }),
);

const metrics = object({
    path: withDefault(httpPath, "/metrics"),
    port: v.optional(port),
    interval: withDefault(duration, "30s"),
});

/** Fields shared by every workload kind. */
const workloadFields = {
    name: dns1035Label,
    namespace: v.optional(dnsLabel),
    command: v.optional(v.array(scalarString('"1.10"'))),
    args: v.optional(v.array(scalarString('"1.10"'))),
    env: withDefault(record(envName, scalarString('RATIO: "0.50"')), {}),
    secretEnv: withDefault(record(envName, secretConfigKey), {}),
    resources: withDefault(resources, {}),
    writablePaths: withDefault(v.array(absolutePath), []),
    runAsUser: withDefault(nonRootUserId, 10001),
};

export const webService = v.pipe(
    object({
        ...workloadFields,
        image: v.optional(imageReference),
        imageTag: v.optional(v.pipe(scalarString('imageTag: "1.10"'), v.regex(TAG_PATTERN, "must be an image tag such as 1.4.2"))),
        imageDigest: v.optional(v.pipe(v.string(), v.regex(DIGEST_PATTERN, "must be a digest such as sha256:<64 hex digits>"))),
        containerPort: port,
        servicePort: withDefault(port, 80),
        /** Exposes the Service on this port of every node (30000-32767), e.g. for a kind port mapping. */
        nodePort: v.optional(nodePort),
        replicas: withDefault(replicas, {}),
        autoscaling: withDefault(autoscaling, {}),
        probes: withDefault(object({ readiness: withDefault(probe, {}), liveness: withDefault(probe, {}) }), {}),
        metrics: v.optional(metrics),
        config: withDefault(record(configMapKey, scalarString('ratio: "0.50"')), {}),
        /** `ENV_VAR: <Secrets Manager secret name>[, <property>]`, synced by External Secrets (the externalSecrets add-on). */
        externalSecrets: withDefault(record(envName, v.pipe(v.string(), checkWith(externalSecretRefProblem))), {}),
        /**
         * IAM policies (ARNs) of a role the app's service account gets on EKS, bound the way
         * cluster.workloadIdentity says: the app's pods then call AWS with that role's credentials.
         */
        awsPolicyArns: withDefault(
            v.pipe(v.array(iamPolicyArn), v.maxLength(10, "may list at most 10 policies (IAM's default quota of managed policies per role)")),
            [],
        ),
        /** Its HTTPRoute on the shared Gateway, where the stack has one: host `<name>.<domain>` unless set, and the path prefixes it serves. */
        route: withDefault(
            object({
                enabled: withDefault(v.boolean(), true),
                host: v.optional(dnsSubdomain),
                paths: withDefault(
                    v.pipe(
                        v.array(routePath),
                        v.minLength(1, "must list at least one path"),
                        v.maxLength(64, "may list at most 64 paths (an HTTPRoute rule's matches)"),
                    ),
                    ["/"],
                ),
            }),
            {},
        ),
    }),
    crossCheck((app): PathIssue[] => workloadIssues(app)),
);

export const scheduledJob = v.pipe(
    object({
        ...workloadFields,
        /** The CronJob controller appends an 11-character suffix to Job names, which are capped at 63. */
        name: v.pipe(dns1035Label, v.maxLength(52, "must be at most 52 characters: a CronJob's Jobs append an 11-character suffix to it, within 63")),
        image: imageReference,
        schedule: cronSchedule,
        timeZone: v.optional(timeZone),
        activeDeadlineSeconds: withDefault(durationSeconds, 300),
        backoffLimit: withDefault(int32AtLeast(0, "must be 0 or more"), 1),
        healthCheck: v.optional(
            object({
                targets: v.pipe(v.array(dnsLabel), v.minLength(1, "must name at least one app")),
                timeoutSeconds: withDefault(durationSeconds, 10),
            }),
        ),
        storage: v.optional(
            object({
                size: withDefault(storageQuantity, "1Gi"),
                mountPath: absolutePath,
                /** "" asks for no StorageClass (a pre-provisioned volume), as the API allows. */
                storageClassName: v.optional(v.union([v.literal(""), dnsSubdomain], 'must be a StorageClass name (a DNS-1123 subdomain), or "" for none')),
            }),
        ),
    }),
    crossCheck((job): PathIssue[] => workloadIssues(job)),
);

export type WebServiceConfig = v.InferOutput<typeof webService>;
export type ScheduledJobConfig = v.InferOutput<typeof scheduledJob>;
export type ResourcesConfig = v.InferOutput<typeof resources>;
