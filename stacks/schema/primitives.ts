// Reusable field schemas: each one carries the error message a user sees for a bad value.
import * as v from "valibot";
import { cronScheduleProblem } from "../cronSchedule";
import { imageReferenceProblem } from "../imageReference";
import { CPU_HINT, MEMORY_HINT, parseQuantity } from "../quantities";
import { checkWith, intAtLeast, intIn } from "./base";

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const dnsLabel = v.pipe(
    v.string(),
    v.maxLength(63, "must be at most 63 characters (a DNS-1123 label)"),
    v.regex(DNS_LABEL, "must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit"),
);

/** A DNS-1123 subdomain, e.g. a StorageClass name. */
export const dnsSubdomain = v.pipe(
    v.string(),
    v.maxLength(253, "must be at most 253 characters (a DNS-1123 subdomain)"),
    v.regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, "must be a DNS-1123 subdomain: lower-case letters, digits, '-' and '.'"),
);

export const port = intIn(1, 65535, "must be a port in 1-65535", "must be an integer port number");

/** A Service node port in the default range of the API server. */
export const nodePort = intIn(30000, 32767, "must be a node port in 30000-32767", "must be an integer port number");

export const percentage = intIn(1, 100, "must be a percentage in 1-100", "must be an integer percentage");

export const absolutePath = v.pipe(v.string(), v.regex(/^\/[^\s]*$/, "must be an absolute path such as /logs"));

export const httpPath = v.pipe(v.string(), v.regex(/^\/[^\s]*$/, "must be an HTTP path starting with '/'"));

export const cpuQuantity = v.pipe(
    v.string(),
    v.check((value) => parseQuantity(value) !== undefined, (issue) => `'${String(issue.input)}' is not ${CPU_HINT}`),
);

export const memoryQuantity = v.pipe(
    v.string(),
    v.check((value) => parseQuantity(value) !== undefined, (issue) => `'${String(issue.input)}' is not ${MEMORY_HINT}`),
);

export const storageQuantity = memoryQuantity;

export const imageReference = v.pipe(v.string(), checkWith(imageReferenceProblem));

export const cronSchedule = v.pipe(v.string(), checkWith(cronScheduleProblem));

/** Environment variable names as Kubernetes accepts them (C identifiers are the portable subset). */
export const envName = v.pipe(v.string(), v.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name (letters, digits, '_')"));

/** The name of a project config key that holds a secret, e.g. `externalIntegrationKey`. */
export const secretConfigKey = v.pipe(v.string(), v.regex(/^[A-Za-z][A-Za-z0-9_-]*$/, "must be a config key name such as externalIntegrationKey"));

export const durationSeconds = intAtLeast(1, "must be at least 1 second", "must be a whole number of seconds");

/** Prometheus/Flux style duration such as 30s, 5m or 1h30m. */
export const duration = v.pipe(v.string(), v.regex(/^(\d+(ms|s|m|h|d|w|y))+$/, "must be a duration such as 30s, 5m or 1h"));
