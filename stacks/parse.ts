// Parses and validates a stack's config in one pure step: no Pulumi runtime, no
// resources. Every problem is collected and reported together in one ConfigError.
import type { core } from "zod";
import { alertmanagerConfigProblem } from "./alertmanagerConfig";
import { ConfigError, ConfigProblem, formatKeyPath } from "./configError";
import { PLATFORM_KEYS, PlatformSettings, platformSchema } from "./schema/platform";
import { SecretReference, secretReferences } from "./secretReferences";

export interface StackConfigInput {
    stack: string;
    /** The project's config values by key, without the `<project>:` prefix; object values already parsed. */
    values: Record<string, unknown>;
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
    const result = platformSchema.safeParse(structural);
    if (!result.success) {
        throw new ConfigError(input.stack, result.error.issues.flatMap((issue) => describeIssue(issue, structural)));
    }
    const settings = result.data;
    const references = secretReferences(settings);
    const present = (ref: SecretReference) => input.values[ref.configKey] !== undefined;
    const missing = references.filter((ref) => ref.required && !present(ref));
    const problems = [
        ...unknownKeyProblems(input.values, references),
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

function missingSecretProblem(ref: SecretReference): ConfigProblem {
    return {
        key: ref.usedAt,
        message: `refers to the secret config key '${ref.configKey}', which is not set; run: pulumi config set --secret ${ref.configKey} <value>`,
    };
}

function describeIssue(issue: core.$ZodIssue, raw: unknown): ConfigProblem[] {
    const where = workloadHint(issue.path, raw);
    if (issue.code === "unrecognized_keys") {
        return issue.keys.map((key) => ({ key: formatKeyPath([...issue.path, key]), message: `unknown key${where}` }));
    }
    const missing = issue.code === "invalid_type" && valueAt(raw, issue.path) === undefined;
    return [{ key: formatKeyPath(issue.path), message: (missing ? "is required" : issue.message) + where }];
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
