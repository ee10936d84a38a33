// Reads Pulumi.yaml and Pulumi.<stack>.yaml the way the Pulumi CLI hands config to a
// program: every value as a string (objects and lists as JSON), keyed `<namespace>:<key>`.
// `secure:` values are never decrypted: they become placeholders marked secret.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { CORE_SCHEMA, load } from "js-yaml";

export interface StackFile {
    project: string;
    stack: string;
    config: Record<string, string>;
    secretKeys: string[];
}

export const SECRET_PLACEHOLDER = "[secret]";

export function readStackFile(projectRoot: string, stack: string): StackFile {
    const project = (parseYaml(readFileSync(join(projectRoot, "Pulumi.yaml"), "utf8")) as { name?: unknown } | undefined)?.name;
    if (typeof project !== "string") {
        throw new Error("Pulumi.yaml has no project name");
    }
    const path = join(projectRoot, `Pulumi.${stack}.yaml`);
    let text: string;
    try {
        text = readFileSync(path, "utf8");
    } catch {
        throw new Error(`stack '${stack}' has no config file: ${path} does not exist`);
    }
    return { project, stack, ...stackConfigFromYaml(text, project) };
}

/** Converts a stack file's `config:` map into the runtime's key/value form. */
export function stackConfigFromYaml(text: string, project: string): { config: Record<string, string>; secretKeys: string[] } {
    const document = (parseYaml(text) ?? {}) as { config?: Record<string, unknown> };
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [rawKey, value] of Object.entries(document.config ?? {})) {
        const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
        if (isSecure(value)) {
            config[key] = SECRET_PLACEHOLDER;
            secretKeys.push(key);
        } else {
            config[key] = typeof value === "string" ? value : JSON.stringify(value);
        }
    }
    return { config, secretKeys };
}

function isSecure(value: unknown): boolean {
    return value !== null && typeof value === "object" && !Array.isArray(value) && "secure" in value;
}

/** The stacks that have a config file in the project root, e.g. ["dev", "prod"]. */
export function availableStacks(projectRoot: string): string[] {
    return readdirSync(projectRoot)
        .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
        .filter((stack): stack is string => stack !== undefined)
        .sort();
}

/** YAML 1.2's core schema: dates and `<<` merge keys stay plain strings. */
function parseYaml(text: string): unknown {
    return load(text, { schema: CORE_SCHEMA });
}
