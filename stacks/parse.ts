// Parses and validates a stack's config in one pure step: no Pulumi runtime, no
// resources. Every problem is collected and reported together in one ConfigError.
import * as v from "valibot";
import { alertmanagerConfigProblem } from "./alertmanagerConfig";
import { ConfigError, ConfigProblem, formatKeyPath } from "./configError";
import { defaultMessage, isUnknownKey } from "./schema/base";
import { PLATFORM_KEYS, PlatformSettings, platformSchema } from "./schema/platform";
import { SecretReference, secretReferences } from "./secretReferences";

export interface StackConfigInput {
    stack: string;
    /** The project's config values by key, without the `<project>:` prefix; object values already parsed. */
    values: Record<string, unknown>;
    /** Which of those keys Pulumi holds as secrets (set with --secret); unknown when not given. */
    secretKeys?: ReadonlySet<string>;
}

export interface ParseOptions {
    /** The offline plan runs without anyone's secrets: a missing required secret becomes a warning, not an error. */
    allowMissingSecrets?: boolean;
}

export interface ParsedStackConfig {
    settings: PlatformSettings;
    /** Every secret the config refers to that is set. */
    secrets: SecretReference[];
    /** Required secrets that are not set (only when allowMissingSecrets). */
    missingSecrets: SecretReference[];
}

export function parseStackConfig(input: StackConfigInput, options: ParseOptions = {}): ParsedStackConfig {
    const structural = Object.fromEntries(Object.entries(input.values).filter(([key]) => PLATFORM_KEYS.includes(key)));
    const result = v.safeParse(platformSchema, structural, { message: defaultMessage });
    if (!result.success) {
        throw new ConfigError(input.stack, result.issues.flatMap((issue) => describeIssue(issue, structural, result.output)));
    }
    const settings = result.output;
    const references = secretReferences(settings);
    const present = (ref: SecretReference) => input.values[ref.configKey] !== undefined;
    const missing = references.filter((ref) => ref.required && !present(ref));
    const problems = [
        ...unknownKeyProblems(input.values, references),
        ...plaintextSecretProblems(input, references.filter(present)),
        ...(options.allowMissingSecrets ? [] : missing.map(missingSecretProblem)),
        // Offline, secret values are placeholders: their content cannot be checked.
        ...(options.allowMissingSecrets ? [] : secretContentProblems(settings, input.values)),
    ];
    if (problems.length > 0) {
        throw new ConfigError(input.stack, problems);
    }
    return { settings, secrets: references.filter(present), missingSecrets: missing };
}

function unknownKeyProblems(values: Record<string, unknown>, references: SecretReference[]): ConfigProblem[] {
    const referenced = new Set(references.map((ref) => ref.configKey));
    return Object.keys(values)
        .filter((key) => !PLATFORM_KEYS.includes(key) && !referenced.has(key))
        .map((key) => ({
            key,
            message: `unknown config key; known keys are ${PLATFORM_KEYS.join(", ")}, plus the secret keys the config refers to`,
        }));
}

/** Secrets with a structure the platform relies on; messages name the key, never the content. */
function secretContentProblems(settings: PlatformSettings, values: Record<string, unknown>): ConfigProblem[] {
    const key = settings.monitoring.alertmanager.configSecret;
    const text = values[key];
    if (!settings.monitoring.enabled || text === undefined) {
        return [];
    }
    // Config values that are valid JSON arrive parsed; JSON is YAML, so check its text.
    const problem = alertmanagerConfigProblem(typeof text === "string" ? text : JSON.stringify(text));
    return problem ? [{ key: "monitoring.alertmanager.configSecret", message: `the secret config key '${key}' ${problem}` }] : [];
}

/** A value the config uses as a secret but that sits in the stack file in plain text, where it is committed. */
function plaintextSecretProblems(input: StackConfigInput, set: SecretReference[]): ConfigProblem[] {
    const secretKeys = input.secretKeys;
    if (!secretKeys) {
        return [];
    }
    return [...new Set(set.map((ref) => ref.configKey))]
        .filter((key) => !secretKeys.has(key))
        .map((key) => ({
            key,
            message: `holds a secret (used by ${set.filter((ref) => ref.configKey === key).map((ref) => ref.usedAt).join(", ")}) in plain text in Pulumi.${input.stack}.yaml; set it encrypted: pulumi config set --secret ${key} <value> -s ${input.stack}`,
        }));
}

function missingSecretProblem(ref: SecretReference): ConfigProblem {
    return {
        key: ref.usedAt,
        message: `refers to the secret config key '${ref.configKey}', which is not set; run: pulumi config set --secret ${ref.configKey} <value>`,
    };
}

function describeIssue(issue: v.BaseIssue<unknown>, raw: unknown, parsed: unknown): ConfigProblem[] {
    const path = (issue.path ?? []).map((item) => item.key as string | number);
    const where = workloadHint(path, raw);
    if (isUnknownKey(issue)) {
        const parent = path.slice(0, -1);
        return unknownKeys(valueAt(raw, parent), valueAt(parsed, parent), path[path.length - 1]).map((key) => ({
            key: formatKeyPath([...parent, key]),
            message: `unknown key${where}`,
        }));
    }
    // A missing value fails its type check; an unknown variant type or option keeps its own message.
    const missing = issue.kind === "schema" && issue.type !== "variant" && issue.type !== "picklist" && valueAt(raw, path) === undefined;
    return [{ key: formatKeyPath(path), message: (missing ? "is required" : issue.message) + where }];
}

/**
 * Every unknown key of an object. valibot reports the first one only; the partly parsed
 * object holds each known key that was given, so the others are the rest.
 */
function unknownKeys(given: unknown, parsed: unknown, first: string | number): (string | number)[] {
    if (!isObject(given) || !isObject(parsed)) {
        return [first];
    }
    return Object.keys(given).filter((key) => !Object.prototype.hasOwnProperty.call(parsed, key));
}

function isObject(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object";
}

/** Names the app or job an issue belongs to, since list indexes are hard to count in YAML. */
function workloadHint(path: readonly PropertyKey[], raw: unknown): string {
    const [section, index] = path;
    if ((section !== "apps" && section !== "jobs") || typeof index !== "number") {
        return "";
    }
    const name = valueAt(raw, [section, index, "name"]);
    return typeof name === "string" ? ` (in ${section === "apps" ? "app" : "job"} '${name}')` : "";
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
    return path.reduce<unknown>(
        (current, part) => (current !== null && typeof current === "object" ? (current as Record<PropertyKey, unknown>)[part] : undefined),
        value,
    );
}
