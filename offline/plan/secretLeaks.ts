// Last line of defence for redaction: before a plan file is written, no secret config
// value may appear in it verbatim (e.g. a secret that lost its marker on the way).
import { SECRET_PLACEHOLDER } from "../stackFile";

/** Shorter values would raise false alarms on ordinary text (a secret "apps" matches a namespace). */
const MIN_SECRET_LENGTH = 8;

/** The config keys whose secret values appear in the text. */
export function leakedSecretKeys(text: string, secrets: Record<string, string>): string[] {
    return Object.entries(secrets)
        .filter(([, value]) => value !== SECRET_PLACEHOLDER && value.length >= MIN_SECRET_LENGTH)
        .filter(([, value]) => text.includes(value) || text.includes(JSON.stringify(value).slice(1, -1)))
        .map(([key]) => key);
}

/**
 * The secret values of a stack's config, by key. A secret object or list (a value set with
 * `--secret --path` inside it makes the whole key secret) contributes each string inside it,
 * by its path, so a nested secret that reaches a file is caught like a whole one.
 */
export function secretConfigValues(config: Record<string, string>, secretKeys: readonly string[]): Record<string, string> {
    return Object.fromEntries(secretKeys.filter((key) => config[key] !== undefined).flatMap((key) => [[key, config[key]], ...nestedStrings(key, config[key])]));
}

function nestedStrings(key: string, text: string): [string, string][] {
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch {
        return [];
    }
    return value !== null && typeof value === "object" ? stringLeaves(key, value) : [];
}

function stringLeaves(path: string, value: unknown): [string, string][] {
    if (typeof value === "string") {
        return [[path, value]];
    }
    if (value === null || typeof value !== "object") {
        return [];
    }
    return Object.entries(value).flatMap(([key, child]) => stringLeaves(Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`, child));
}
