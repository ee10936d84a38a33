// Parses and validates a stack's config in one pure step: no Pulumi runtime, no
// resources. Every problem is collected and reported together in one ConfigError.
import * as v from "valibot";

import { ADDONS } from "../components/addons";
import type { AnyAddon } from "../components/addons/contract";
import { configSections, isActive } from "../components/addons/plan";
import { addonClusterTypeFindings } from "./addonClusterTypes";
import { closestName } from "./closestName";
import { ConfigError, ConfigProblem, formatKeyPath } from "./configError";
import { configWarnings } from "./configWarnings";
import { defaultMessage, isUnknownKey } from "./schema/base";
import { knownKeysAt } from "./schema/knownKeys";
import { PLATFORM_KEYS, platformSchema, platformSchemaOf, PlatformSettings } from "./schema/platform";
import { SecretReference, secretReferences } from "./secretReferences";

export interface StackConfigInput {
    stack: string;
    /** The project's config values by key, without the `<project>:` prefix; object values already parsed. */
    values: Record<string, unknown>;
    /** Which of those keys Pulumi holds as secrets (set with --secret); unknown when not given. */
    secretKeys?: ReadonlySet<string>;
    /** The stack's `aws:region`, which an EKS cluster needs. */
    awsRegion?: string;
}

export interface ParseOptions {
    /** The offline plan runs without anyone's secrets: a missing required secret becomes a warning, not an error. */
    allowMissingSecrets?: boolean;
    /** The add-ons whose sections the config may hold. @default ADDONS */
    addons?: readonly AnyAddon[];
}

export interface ParsedStackConfig {
    settings: PlatformSettings;
    /** Every secret the config refers to that is set. */
    secrets: SecretReference[];
    /** Required secrets that are not set (only when allowMissingSecrets). */
    missingSecrets: SecretReference[];
    /** Config that is valid but most likely not what was meant. */
    warnings: string[];
}

export function parseStackConfig(input: StackConfigInput, options: ParseOptions = {}): ParsedStackConfig {
    const addons = options.addons ?? ADDONS;
    const { schema, keys } = options.addons ? platformSchemaOf(addons) : { schema: platformSchema, keys: PLATFORM_KEYS };
    const structural = Object.fromEntries(Object.entries(input.values).filter(([key]) => keys.includes(key)));
    const result = v.safeParse(schema, structural, { message: defaultMessage });
    if (!result.success) {
        // Unknown top-level keys are told apart from secret keys by the references; without parsed
        // settings, any key a string in the config names counts as referenced.
        throw new ConfigError(input.stack, [
            ...nestedSecretProblems(input, keys),
            ...unknownKeyProblems(input.values, stringsIn(structural), keys),
            ...result.issues.flatMap((issue) => describeIssue(issue, schema, structural, result.output)),
        ]);
    }
    const settings = result.output as PlatformSettings;
    const references = secretReferences(settings, addons);
    const present = (ref: SecretReference) => input.values[ref.configKey] !== undefined;
    const missing = references.filter((ref) => ref.required && !present(ref));
    const clusterType = addonClusterTypeFindings(input.values, settings.cluster.type, addons);
    const problems = [
        ...unknownKeyProblems(input.values, new Set(references.map((ref) => ref.configKey)), keys),
        ...clusterType.problems,
        ...regionProblems(settings, input.awsRegion, input.stack),
        ...nestedSecretProblems(input, keys),
        ...plaintextSecretProblems(input, references.filter(present)),
        ...(options.allowMissingSecrets ? [] : missing.map((ref) => missingSecretProblem(ref, input.stack))),
        // Offline, secret values are placeholders: their content cannot be checked.
        ...(options.allowMissingSecrets ? [] : secretContentProblems(settings, input.values, addons)),
    ];
    if (problems.length > 0) {
        throw new ConfigError(input.stack, problems);
    }
    return { settings, secrets: references.filter(present), missingSecrets: missing, warnings: [...configWarnings(settings), ...clusterType.warnings] };
}

function unknownKeyProblems(values: Record<string, unknown>, referenced: ReadonlySet<string>, keys: readonly string[]): ConfigProblem[] {
    return Object.keys(values)
        .filter((key) => !keys.includes(key) && !referenced.has(key))
        .map((key) => {
            const meant = closestName(key, keys);
            return {
                key,
                message: meant
                    ? `unknown config key; did you mean ${meant}?`
                    : `unknown config key; known keys are ${keys.join(", ")}, plus the secret keys the config refers to`,
            };
        });
}

/** Every string value in a config, e.g. the secret key names it refers to. */
function stringsIn(value: unknown): Set<string> {
    if (typeof value === "string") {
        return new Set([value]);
    }
    const children = isObject(value) ? Object.values(value) : [];
    return new Set(children.flatMap((child) => [...stringsIn(child)]));
}

const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** An EKS stack names its region in the stack file: taken from the environment, each machine could deploy elsewhere. */
function regionProblems(settings: PlatformSettings, region: string | undefined, stack: string): ConfigProblem[] {
    if (region === undefined) {
        return settings.cluster.type === "eks"
            ? [{ key: "aws:region", message: `is required for an EKS cluster; run: pulumi config set aws:region us-east-1 -s ${stack}` }]
            : [];
    }
    return AWS_REGION.test(region) ? [] : [{ key: "aws:region", message: `'${region}' is not an AWS region such as us-east-1` }];
}

/** Secrets with a structure an active add-on relies on; messages name the key, never the content. */
function secretContentProblems(settings: PlatformSettings, values: Record<string, unknown>, addons: readonly AnyAddon[]): ConfigProblem[] {
    const sections = configSections(settings);
    return addons.filter((addon) => isActive(addon, settings, sections)).flatMap((addon) => addon.secretProblems?.(sections[addon.configKey], values) ?? []);
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
            message: `holds a secret (used by ${set
                .filter((ref) => ref.configKey === key)
                .map((ref) => ref.usedAt)
                .join(", ")}) in plain text in Pulumi.${input.stack}.yaml; set it encrypted: pulumi config set --secret ${key} <value> -s ${input.stack}`,
        }));
}

/**
 * A structured key that Pulumi holds as a secret: a value inside it was set with
 * `pulumi config set --secret --path`. The engine marks the whole key secret and hands the
 * program the decrypted object (pulumi v3.259.0 sdk/go/common/resource/config/object.go:51-65),
 * so which value was the secret is lost: read as structure, it would reach resources in plain text.
 */
function nestedSecretProblems(input: StackConfigInput, keys: readonly string[]): ConfigProblem[] {
    const secretKeys = input.secretKeys;
    if (!secretKeys) {
        return [];
    }
    return keys
        .filter((key) => secretKeys.has(key) && input.values[key] !== undefined)
        .map((key) => ({
            key,
            message:
                `holds an encrypted value inside it (set with --secret --path), which would reach the cluster and the state in plain text. ` +
                `Set the secret as a key of its own and refer to it by name: pulumi config set --secret <name> <value> -s ${input.stack}, ` +
                `then secretEnv: { <ENV_VAR>: <name> } in the app or job (or the add-on's secret key setting); remove the nested value with pulumi config rm --path`,
        }));
}

function missingSecretProblem(ref: SecretReference, stack: string): ConfigProblem {
    return {
        key: ref.usedAt,
        message: `refers to the secret config key '${ref.configKey}', which is not set; run: pulumi config set --secret ${ref.configKey} <value> -s ${stack}`,
    };
}

function describeIssue(issue: v.BaseIssue<unknown>, schema: v.GenericSchema, raw: unknown, parsed: unknown): ConfigProblem[] {
    const path = (issue.path ?? []).map((item) => item.key as string | number);
    const where = workloadHint(path, raw);
    if (isUnknownKey(issue)) {
        const parent = path.slice(0, -1);
        const known = knownKeysAt(schema, parent, raw);
        return unknownKeys(valueAt(raw, parent), valueAt(parsed, parent), path[path.length - 1]).map((key) => {
            const meant = typeof key === "string" ? closestName(key, known) : undefined;
            return { key: formatKeyPath([...parent, key]), message: `unknown key${where}${meant ? `; did you mean ${meant}?` : ""}` };
        });
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
