// Reusable field schemas: each one carries the error message a user sees for a bad value.
import * as v from "valibot";

import { cronScheduleProblem } from "../cronSchedule";
import { imageReferenceProblem } from "../imageReference";
import { CPU_HINT, MEMORY_HINT, parseQuantity } from "../quantities";
import { checkWith, int32AtLeast, intIn, oneOf, typeError } from "./base";

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const dnsLabel = v.pipe(
    v.string(),
    v.maxLength(63, "must be at most 63 characters (a DNS-1123 label)"),
    v.regex(DNS_LABEL, "must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit"),
);

/**
 * A DNS-1035 label: a DNS-1123 label that starts with a letter. Service names must be one
 * (kubernetes 1.35 pkg/apis/core/validation/validation.go:290 ValidateServiceName =
 * NameIsDNS1035Label; 1.36 relaxes it behind a gate), so every workload name is.
 */
export const dns1035Label = v.pipe(
    v.string(),
    v.maxLength(63, "must be at most 63 characters (a DNS-1035 label)"),
    v.regex(
        /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
        "must be a DNS-1035 label: lower-case letters, digits and '-', starting with a letter and ending with a letter or digit (a Service name cannot start with a digit)",
    ),
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

/**
 * A string that YAML may have read as a number or a boolean: `imageTag: 2`, `PORT: 8080`, or
 * what `pulumi config set --path ... 2` writes. Whole numbers and booleans read back exactly;
 * a decimal may not (1.10 reads as 1.1), so it is refused with the quoted form to write.
 */
export function scalarString(example: string) {
    return v.pipe(
        v.custom<string | number | boolean>(
            (input) => typeof input === "string" || typeof input === "boolean" || (typeof input === "number" && Number.isSafeInteger(input)),
            (issue) => (typeof issue.input === "number" ? quoteIt(issue.input, example) : typeError("string")(issue)),
        ),
        v.transform(String),
    );
}

function quoteIt(value: number, example: string): string {
    return `is the number ${value}, which may have lost digits (1.10 reads as 1.1); quote it, e.g. ${example}`;
}

/**
 * A Kubernetes minor version such as "1.35". A number is refused even when it happens to read
 * right: as a number, 1.30 is 1.3.
 */
export function kubernetesVersion(versions: readonly string[], message: string) {
    const latest = versions[versions.length - 1];
    return v.pipe(
        v.custom<string>(
            (input) => typeof input === "string",
            (issue) => (typeof issue.input === "number" ? quoteIt(issue.input, `kubernetesVersion: "${latest}"`) : typeError("string")(issue)),
        ),
        oneOf(versions, message),
    );
}

/** CPU: a quantity, or a number of cores (`cpu: 1`, `cpu: 0.5`), which reads the same as a string. */
export const cpuQuantity = v.pipe(
    v.custom<string | number>((input) => typeof input === "string" || (typeof input === "number" && Number.isFinite(input)), typeError("string")),
    v.transform(String),
    v.check(
        (value) => parseQuantity(value) !== undefined,
        (issue) => `'${String(issue.input)}' is not ${CPU_HINT}`,
    ),
);

/** Bytes: a quantity that is not a whole number of bytes is refused, as is one below a mebibyte for a container's memory. */
function byteQuantity(minimum: number, what: string) {
    return v.pipe(
        v.string(),
        checkWith((value: string) => {
            const bytes = parseQuantity(value);
            if (bytes === undefined) {
                return `'${value}' is not ${MEMORY_HINT}`;
            }
            // The API only warns about fractional bytes (kubernetes pkg/api/pod/warnings.go, "fractional byte value").
            const meant = /^(\d+)m$/.exec(value);
            if (meant || !Number.isInteger(bytes)) {
                return `'${value}' is ${bytes} bytes ('m' means milli, a thousandth)${meant ? `; did you mean ${meant[1]}Mi?` : ""}`;
            }
            return bytes < minimum ? `'${value}' is below ${what}` : undefined;
        }),
    );
}

export const memoryQuantity = byteQuantity(2 ** 20, "one mebibyte, too little for a container; use Mi or Gi, e.g. 64Mi");

export const storageQuantity = byteQuantity(2 ** 20, "one mebibyte; use Mi or Gi, e.g. 1Gi");

/** A user id the API accepts (0..2147483647, IsValidUserID) that is not root. */
export const nonRootUserId = intIn(1, 2147483647, "must be a non-root user id in 1-2147483647 (an int32)", "must be an integer user id");

/** A key of a ConfigMap's data (IsConfigMapKey: [-._a-zA-Z0-9]+, at most 253, not '.', '..' or starting with '..'). */
export const configMapKey = v.pipe(
    v.string(),
    v.maxLength(253, "must be at most 253 characters (a ConfigMap key)"),
    v.regex(/^[-._a-zA-Z0-9]+$/, "must be a ConfigMap key: letters, digits, '-', '_' and '.' (no '/')"),
    v.check((key) => key !== "." && key !== ".." && !key.startsWith(".."), "must not be '.' or '..' or start with '..' (a ConfigMap key)"),
);

/** An IANA time zone as the CronJob API checks it: no "Local", each part 1-14 of [A-Za-z.-_0-9+], a zone the time zone database knows. */
export const timeZone = v.pipe(
    v.string(),
    checkWith((zone: string) => {
        if (zone.toLowerCase() === "local") {
            return "must be an explicit IANA time zone such as Europe/Berlin, not Local";
        }
        const partsOk = zone.split("/").every((part) => /^[A-Za-z.\-_0-9+]{1,14}$/.test(part) && part !== "." && part !== ".." && !part.startsWith("-"));
        return partsOk && knownTimeZone(zone) ? undefined : `'${zone}' is not an IANA time zone such as Europe/Berlin or UTC`;
    }),
);

function knownTimeZone(zone: string): boolean {
    try {
        new Intl.DateTimeFormat("en", { timeZone: zone });
        return true;
    } catch {
        return false;
    }
}

export const imageReference = v.pipe(v.string(), checkWith(imageReferenceProblem));

export const cronSchedule = v.pipe(v.string(), checkWith(cronScheduleProblem));

/** Environment variable names as Kubernetes accepts them (C identifiers are the portable subset). */
export const envName = v.pipe(v.string(), v.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name (letters, digits, '_')"));

/** The name of a project config key that holds a secret, e.g. `externalIntegrationKey`. */
export const secretConfigKey = v.pipe(v.string(), v.regex(/^[A-Za-z][A-Za-z0-9_-]*$/, "must be a config key name such as externalIntegrationKey"));

export const durationSeconds = int32AtLeast(1, "must be at least 1 second", "must be a whole number of seconds");

/** Prometheus/Flux style duration such as 30s, 5m or 1h30m. */
export const duration = v.pipe(v.string(), v.regex(/^(\d+(ms|s|m|h|d|w|y))+$/, "must be a duration such as 30s, 5m or 1h"));

/**
 * A path prefix of an HTTPRoute match, as the Gateway API CRD's CEL rules take it
 * (gateway-api v1.6.1 config/crd/standard/gateway.networking.k8s.io_httproutes.yaml,
 * `path.value` rules for PathPrefix: no //, /./, /../, %2f, #, no trailing /. or /.., and
 * only the characters ^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$).
 */
export const routePath = v.pipe(v.string(), v.maxLength(1024, "must be at most 1024 characters"), checkWith(routePathProblem));

function routePathProblem(path: string): string | undefined {
    if (!path.startsWith("/")) {
        return "must be a path starting with '/'";
    }
    const forbidden = ["//", "/./", "/../", "%2f", "%2F", "#"].find((part) => path.includes(part));
    if (forbidden) {
        return `must not contain '${forbidden}'`;
    }
    if (path.endsWith("/..") || path.endsWith("/.")) {
        return "must not end with '/.' or '/..'";
    }
    return /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$/.test(path)
        ? undefined
        : "must only contain the characters A-Z a-z 0-9 - / . _ ~ ! $ & ' ( ) * + , ; = : @ and %XX escapes";
}
