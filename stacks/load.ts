// Reads the running stack's config from the Pulumi runtime, validates it with the pure
// parser, and resolves the secrets it refers to as Pulumi secret outputs.
import * as pulumi from "@pulumi/pulumi";

import { ParseOptions, parseStackConfig } from "./parse";
import type { PlatformSettings } from "./schema/platform";

// Not in the SDK's typings, but what Config.get warns with: whether the engine holds a key as a secret
// (@pulumi/pulumi 3.270.0 runtime/config.js:72-83, from PULUMI_CONFIG_SECRET_KEYS).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { isConfigSecret } = require("@pulumi/pulumi/runtime/config") as { isConfigSecret(key: string): boolean };

export interface PlatformConfig {
    stack: string;
    settings: PlatformSettings;
    /** Secret values by config key; always Pulumi secrets. */
    secrets: Record<string, pulumi.Output<string>>;
    /** Problems that do not stop the program, such as secrets left unset in an offline plan. */
    warnings: string[];
}

/** The project's config values without the `<project>:` prefix; JSON (objects, lists, numbers) is parsed. */
export function readProjectConfig(project = pulumi.getProject()): Record<string, unknown> {
    const prefix = `${project}:`;
    return Object.fromEntries(
        Object.entries(pulumi.runtime.allConfig())
            .filter(([key]) => key.startsWith(prefix))
            .map(([key, text]) => [key.slice(prefix.length), parseConfigValue(text)]),
    );
}

/** A config value as the program reads it: JSON where it parses (objects, lists, numbers), else the string. */
export function parseConfigValue(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

export function loadPlatformConfig(options: ParseOptions = {}): PlatformConfig {
    const stack = pulumi.getStack();
    const values = readProjectConfig();
    const project = pulumi.getProject();
    const secretKeys = new Set(Object.keys(values).filter((key) => isConfigSecret(`${project}:${key}`)));
    const awsRegion = pulumi.runtime.allConfig()["aws:region"];
    const parsed = parseStackConfig({ stack, values, secretKeys, awsRegion }, options);
    const config = new pulumi.Config();
    const secrets: Record<string, pulumi.Output<string>> = {};
    for (const ref of parsed.secrets) {
        secrets[ref.configKey] = config.requireSecret(ref.configKey);
    }
    for (const ref of parsed.missingSecrets) {
        secrets[ref.configKey] = pulumi.secret(`unset:${ref.configKey}`);
    }
    const unset = [...groupBy(parsed.missingSecrets, (ref) => ref.configKey)].map(
        ([configKey, refs]) =>
            `secret config key '${configKey}' is not set (used by ${refs.map((ref) => ref.usedAt).join(", ")}); 'pulumi up' will require it: pulumi config set --secret ${configKey} <value> -s ${stack}`,
    );
    const warnings = [...parsed.warnings, ...unset];
    return { stack, settings: parsed.settings, secrets, warnings };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
    const groups = new Map<string, T[]>();
    for (const item of items) {
        groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
    }
    return groups;
}
