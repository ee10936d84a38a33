// Reads Pulumi.yaml and Pulumi.<stack>.yaml the way the Pulumi CLI hands config to a
// program: every value as a string (objects and lists as JSON), keyed `<namespace>:<key>`.
// `secure:` values are never decrypted: they become placeholders marked secret.
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { CORE_SCHEMA, load, YAMLException } from "js-yaml";

export interface StackFile {
    project: string;
    stack: string;
    config: Record<string, string>;
    secretKeys: string[];
}

export const SECRET_PLACEHOLDER = "[secret]";

/** A stack or project file that cannot be read as YAML: the message names the file, line and reason. */
export class StackFileError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "StackFileError";
    }
}

/**
 * Values an alias may expand to. js-yaml keeps an alias as a reference to its anchor
 * (node_modules/js-yaml 4.3.2 lib/loader.js:1373-1395), so a "billion laughs" file parses at
 * once and explodes only when the config is serialized: its expansion is counted first.
 */
export const MAX_EXPANDED_NODES = 100_000;

export function readStackFile(projectRoot: string, stack: string): StackFile {
    const project = (parseYamlFile(join(projectRoot, "Pulumi.yaml")) as { name?: unknown } | undefined)?.name;
    if (typeof project !== "string") {
        throw new Error("Pulumi.yaml has no project name");
    }
    const path = join(projectRoot, `Pulumi.${stack}.yaml`);
    return { project, stack, ...stackConfigFromDocument(parseYamlFile(path, `stack '${stack}' has no config file: ${path} does not exist`), project) };
}

/** Converts a stack file's `config:` map into the runtime's key/value form. */
export function stackConfigFromYaml(text: string, project: string): { config: Record<string, string>; secretKeys: string[] } {
    return stackConfigFromDocument(parseYaml(text, "stack file"), project);
}

function stackConfigFromDocument(parsed: unknown, project: string): { config: Record<string, string>; secretKeys: string[] } {
    const document = (parsed ?? {}) as { config?: Record<string, unknown> };
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [rawKey, value] of Object.entries(document.config ?? {})) {
        const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
        if (isSecure(value)) {
            config[key] = SECRET_PLACEHOLDER;
            secretKeys.push(key);
        } else {
            config[key] = typeof value === "string" ? value : JSON.stringify(withPlaceholders(value));
            // The engine marks a whole object secret when any value inside it is (pulumi v3.259.0
            // sdk/go/common/resource/config/object.go:51-65, map.go:105-113), and hands the program its decrypted JSON.
            if (containsSecure(value)) {
                secretKeys.push(key);
            }
        }
    }
    return { config, secretKeys };
}

/** A structured value with each nested `secure:` value replaced by the placeholder. */
function withPlaceholders(value: unknown): unknown {
    if (isSecure(value)) {
        return SECRET_PLACEHOLDER;
    }
    if (value !== null && typeof value === "object") {
        return Array.isArray(value)
            ? value.map(withPlaceholders)
            : Object.fromEntries(Object.entries(value).map(([key, child]) => [key, withPlaceholders(child)]));
    }
    return value;
}

function containsSecure(value: unknown): boolean {
    return isSecure(value) || (value !== null && typeof value === "object" && Object.values(value).some(containsSecure));
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

/** Reads a YAML file that must be UTF-8 (invalid bytes would otherwise become U+FFFD in silence). */
function parseYamlFile(path: string, missing = `${path} does not exist`): unknown {
    let bytes: Buffer;
    try {
        bytes = readFileSync(path);
    } catch {
        throw new StackFileError(missing);
    }
    let text: string;
    try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
        throw new StackFileError(`${basename(path)}: is not valid UTF-8 text; save it as UTF-8`);
    }
    return parseYaml(text, basename(path));
}

/**
 * YAML 1.2's core schema: dates and `<<` merge keys stay plain strings. js-yaml refuses
 * duplicate keys, tabs in indentation and unknown tags (lib/loader.js:449-455, 1041-1043,
 * 1607-1608); each becomes a message with the file, line and column.
 */
function parseYaml(text: string, file: string): unknown {
    let document: unknown;
    try {
        document = load(text, { schema: CORE_SCHEMA });
    } catch (error) {
        if (error instanceof YAMLException) {
            const where = error.mark ? `${file}:${error.mark.line + 1}:${error.mark.column + 1}` : file;
            throw new StackFileError(`${where}: ${error.reason}`);
        }
        throw error;
    }
    if (expandedSize(document, MAX_EXPANDED_NODES) > MAX_EXPANDED_NODES) {
        throw new StackFileError(`${file}: its aliases expand to more than ${MAX_EXPANDED_NODES} values; write the values out instead of nesting aliases`);
    }
    return document;
}

/** How many values a document holds once every alias is expanded, counted up to `budget` and no further. */
function expandedSize(value: unknown, budget: number): number {
    let count = 0;
    const stack = [value];
    while (stack.length > 0 && count <= budget) {
        const next = stack.pop();
        count++;
        if (next !== null && typeof next === "object") {
            stack.push(...Object.values(next));
        }
    }
    return count;
}
