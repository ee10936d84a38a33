// Reusable field schemas: each one carries the error message a user sees for a bad value.
import { z } from "zod";
import { cronScheduleProblem } from "../cronSchedule";
import { imageReferenceProblem } from "../imageReference";
import { CPU_HINT, MEMORY_HINT, parseQuantity } from "../quantities";

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const dnsLabel = z
    .string()
    .max(63, "must be at most 63 characters (a DNS-1123 label)")
    .regex(DNS_LABEL, "must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit");

/** A DNS-1123 subdomain, e.g. a StorageClass name. */
export const dnsSubdomain = z
    .string()
    .max(253, "must be at most 253 characters (a DNS-1123 subdomain)")
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, "must be a DNS-1123 subdomain: lower-case letters, digits, '-' and '.'");

export const port = z.int("must be an integer port number").min(1, "must be a port in 1-65535").max(65535, "must be a port in 1-65535");

/** A Service node port in the default range of the API server. */
export const nodePort = z.int("must be an integer port number").min(30000, "must be a node port in 30000-32767").max(32767, "must be a node port in 30000-32767");

export const percentage = z.int("must be an integer percentage").min(1, "must be a percentage in 1-100").max(100, "must be a percentage in 1-100");

export const absolutePath = z.string().regex(/^\/[^\s]*$/, "must be an absolute path such as /logs");

export const httpPath = z.string().regex(/^\/[^\s]*$/, "must be an HTTP path starting with '/'");

export const cpuQuantity = z.string().refine((value) => parseQuantity(value) !== undefined, { error: (issue) => `'${String(issue.input)}' is not ${CPU_HINT}` });

export const memoryQuantity = z.string().refine((value) => parseQuantity(value) !== undefined, { error: (issue) => `'${String(issue.input)}' is not ${MEMORY_HINT}` });

export const storageQuantity = memoryQuantity;

export const imageReference = z.string().superRefine((value, ctx) => {
    const problem = imageReferenceProblem(value);
    if (problem) {
        ctx.addIssue({ code: "custom", message: problem });
    }
});

export const cronSchedule = z.string().superRefine((value, ctx) => {
    const problem = cronScheduleProblem(value);
    if (problem) {
        ctx.addIssue({ code: "custom", message: problem });
    }
});

/** Environment variable names as Kubernetes accepts them (C identifiers are the portable subset). */
export const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name (letters, digits, '_')");

/** The name of a project config key that holds a secret, e.g. `externalIntegrationKey`. */
export const secretConfigKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, "must be a config key name such as externalIntegrationKey");

export const durationSeconds = z.int("must be a whole number of seconds").min(1, "must be at least 1 second");

/** Prometheus/Flux style duration such as 30s, 5m or 1h30m. */
export const duration = z.string().regex(/^(\d+(ms|s|m|h|d|w|y))+$/, "must be a duration such as 30s, 5m or 1h");
