// One manifest as js-yaml 4.3.2 dumps it with the plan's options, written faster. js-yaml
// decides the style of every scalar anew (lib/dumper.js writeNode:774, detectType:730,
// chooseScalarStyle:314), testing each string against every implicit type, though a plan's
// manifests repeat the same keys and values thousands of times. Here the mappings and
// sequences are laid out as js-yaml lays them out in block style (writeBlockMapping:658,
// writeBlockSequence:585), and each distinct scalar is written by js-yaml itself, once. What
// this does not cover (multi-line strings, whose block scalars depend on the indentation;
// class instances; keys js-yaml writes as explicit pairs) sends the whole object to js-yaml.
import { dump } from "js-yaml";

/** Long lines are not folded, objects shared are written out each time (no anchors), quotes are double. */
export const MANIFEST_YAML_OPTIONS = { lineWidth: -1, noRefs: true, quotingType: '"' } as const;

/** js-yaml writes a key longer than this as an explicit pair (`? key`), dumper.js:684. */
const MAX_IMPLICIT_KEY = 1024;
const LINE_FEED = 10;

class Unsupported extends Error {}

const scalars = new Map<unknown, string>();

/** The object as `dump(object, MANIFEST_YAML_OPTIONS)` writes it. */
export function manifestYaml(object: unknown): string {
    try {
        const text = node(object, 0, true);
        return text === undefined ? "" : `${text}\n`;
    } catch (error) {
        if (error instanceof Unsupported) {
            return dump(object, MANIFEST_YAML_OPTIONS);
        }
        throw error;
    }
}

/** writeNode: undefined where js-yaml skips the value (undefined in a mapping). */
function node(value: unknown, level: number, compact: boolean): string | undefined {
    switch (typeof value) {
        case "undefined":
            return undefined;
        case "string":
        case "number":
        case "boolean":
            return scalar(value);
        case "object":
            break;
        default:
            throw new Unsupported();
    }
    if (value === null) {
        return scalar(null);
    }
    const prototype = Object.getPrototypeOf(value);
    if (prototype === Array.prototype) {
        return (value as unknown[]).length === 0 ? "[]" : sequence(value as unknown[], level, compact);
    }
    if (prototype !== Object.prototype && prototype !== null) {
        throw new Unsupported();
    }
    const keys = Object.keys(value);
    return keys.length === 0 ? "{}" : mapping(value as Record<string, unknown>, keys, level, compact);
}

function mapping(object: Record<string, unknown>, keys: string[], level: number, compact: boolean): string {
    let result = "";
    for (const key of keys) {
        const value = node(object[key], level + 1, false);
        if (value === undefined) {
            continue;
        }
        const keyText = scalar(key);
        if (keyText.length > MAX_IMPLICIT_KEY) {
            throw new Unsupported();
        }
        result += `${!compact || result !== "" ? nextLine(level) : ""}${keyText}${value.charCodeAt(0) === LINE_FEED ? ":" : ": "}${value}`;
    }
    return result || "{}";
}

function sequence(items: unknown[], level: number, compact: boolean): string {
    let result = "";
    for (let index = 0; index < items.length; index++) {
        // An undefined element is written as null.
        const value = node(items[index], level + 1, true) ?? scalar(null);
        result += `${!compact || result !== "" ? nextLine(level) : ""}${value.charCodeAt(0) === LINE_FEED ? "-" : "- "}${value}`;
    }
    return result;
}

const indents: string[] = [];

/** generateNextLine, for js-yaml's default indent of 2. */
function nextLine(level: number): string {
    return (indents[level] ??= `\n${"  ".repeat(level)}`);
}

/**
 * A scalar as js-yaml writes it: the same text at any level and as a key or a value, as long
 * as it fits on one line (chooseScalarStyle depends on the level only through the line
 * width, unlimited here, and on being a key only for block scalars).
 */
function scalar(value: string | number | boolean | null): string {
    // -0 and 0 are one key of a Map, and two texts.
    const cacheable = !Object.is(value, -0);
    let text = cacheable ? scalars.get(value) : undefined;
    if (text === undefined) {
        if (typeof value === "string" && value.includes("\n")) {
            throw new Unsupported();
        }
        text = dump(value, MANIFEST_YAML_OPTIONS).slice(0, -1);
        if (text.includes("\n")) {
            throw new Unsupported();
        }
        if (cacheable) {
            scalars.set(value, text);
        }
    }
    return text;
}
