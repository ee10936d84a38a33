// Schemas of the application workloads: long-running web services and scheduled jobs.
import { z } from "zod";
import { parseQuantity } from "../quantities";
import {
    absolutePath, cpuQuantity, cronSchedule, dnsLabel, durationSeconds, duration, envName, httpPath,
    imageReference, memoryQuantity, nodePort, percentage, port, secretConfigKey, storageQuantity,
} from "./primitives";
import { DIGEST_PATTERN, TAG_PATTERN } from "../imageReference";

const computeResources = z.strictObject({
    cpu: cpuQuantity,
    memory: memoryQuantity,
});

/** Requests and limits; every container gets both, and no request may exceed its limit. */
export const resources = z
    .strictObject({
        requests: computeResources.prefault({ cpu: "100m", memory: "128Mi" }),
        limits: computeResources.prefault({ cpu: "500m", memory: "256Mi" }),
    })
    .superRefine((value, ctx) => {
        for (const kind of ["cpu", "memory"] as const) {
            const request = parseQuantity(value.requests[kind]);
            const limit = parseQuantity(value.limits[kind]);
            if (request !== undefined && limit !== undefined && request > limit) {
                ctx.addIssue({
                    code: "custom",
                    path: ["requests", kind],
                    message: `request ${value.requests[kind]} is above the limit ${value.limits[kind]}`,
                });
            }
        }
    });

const probe = z.strictObject({
    path: httpPath.default("/"),
    port: port.optional(),
    initialDelaySeconds: z.int().min(0, "must be 0 or more").default(5),
    periodSeconds: durationSeconds.default(10),
    timeoutSeconds: durationSeconds.default(3),
    failureThreshold: z.int().min(1, "must be at least 1").default(3),
});

/** Replica bounds: the HPA scales between min and max; `initial` is the Deployment's starting count. */
const replicas = z
    .strictObject({
        min: z.int("must be an integer").min(1, "must be at least 1").default(1),
        max: z.int("must be an integer").min(1, "must be at least 1").default(3),
        initial: z.int("must be an integer").optional(),
    })
    .superRefine((value, ctx) => {
        if (value.min > value.max) {
            ctx.addIssue({ code: "custom", path: ["min"], message: `min (${value.min}) is above max (${value.max})` });
        }
        if (value.initial !== undefined && (value.initial < value.min || value.initial > value.max)) {
            ctx.addIssue({ code: "custom", path: ["initial"], message: `initial (${value.initial}) is outside min..max (${value.min}..${value.max})` });
        }
    });

const autoscaling = z.strictObject({
    cpuUtilization: percentage.default(70),
    memoryUtilization: percentage.optional(),
});

const metrics = z.strictObject({
    path: httpPath.default("/metrics"),
    port: port.optional(),
    interval: duration.default("30s"),
});

/** Fields shared by every workload kind. */
const workloadFields = {
    name: dnsLabel,
    namespace: dnsLabel.optional(),
    command: z.array(z.string()).optional(),
    args: z.array(z.string()).optional(),
    env: z.record(envName, z.string()).default({}),
    secretEnv: z.record(envName, secretConfigKey).default({}),
    resources: resources.prefault({}),
    writablePaths: z.array(absolutePath).default([]),
    runAsUser: z.int().min(1, "must be a non-root user id (1 or more)").default(10001),
};

export const webService = z.strictObject({
    ...workloadFields,
    image: imageReference.optional(),
    imageTag: z.string().regex(TAG_PATTERN, "must be an image tag such as 1.4.2").optional(),
    imageDigest: z.string().regex(DIGEST_PATTERN, "must be a digest such as sha256:<64 hex digits>").optional(),
    containerPort: port,
    servicePort: port.default(80),
    /** Exposes the Service on this port of every node (30000-32767), e.g. for a kind port mapping. */
    nodePort: nodePort.optional(),
    replicas: replicas.prefault({}),
    autoscaling: autoscaling.prefault({}),
    probes: z
        .strictObject({ readiness: probe.prefault({}), liveness: probe.prefault({}) })
        .prefault({}),
    metrics: metrics.optional(),
    config: z.record(z.string().regex(/^[-._a-zA-Z0-9]+$/, "must be a ConfigMap key"), z.string()).default({}),
});

export const scheduledJob = z.strictObject({
    ...workloadFields,
    image: imageReference,
    schedule: cronSchedule,
    timeZone: z.string().optional(),
    activeDeadlineSeconds: durationSeconds.default(300),
    backoffLimit: z.int().min(0, "must be 0 or more").default(1),
    healthCheck: z
        .strictObject({
            targets: z.array(dnsLabel).min(1, "must name at least one app"),
            timeoutSeconds: durationSeconds.default(10),
        })
        .optional(),
    storage: z
        .strictObject({
            size: storageQuantity.default("1Gi"),
            mountPath: absolutePath,
            storageClassName: z.string().optional(),
        })
        .optional(),
});

export type WebServiceConfig = z.output<typeof webService>;
export type ScheduledJobConfig = z.output<typeof scheduledJob>;
export type ResourcesConfig = z.output<typeof resources>;
