// The keys an object of the config schema knows at a path, for did-you-mean suggestions:
// valibot's issue for an unknown key names the key, not the ones that were expected.
import type * as v from "valibot";

/** The structure of the schema nodes the walk reads (valibot 1.x keeps them as plain properties). */
interface SchemaNode {
    type: string;
    kind: string;
    pipe?: SchemaNode[];
    wrapped?: SchemaNode;
    entries?: Record<string, SchemaNode>;
    item?: SchemaNode;
    value?: SchemaNode;
    key?: string;
    options?: SchemaNode[];
    literal?: unknown;
}

/** The keys of the object the schema expects at `path` of `raw`; none if the path leads elsewhere. */
export function knownKeysAt(schema: v.GenericSchema, path: readonly (string | number)[], raw: unknown): string[] {
    let node: SchemaNode | undefined = structural(schema as unknown as SchemaNode, raw);
    let value = raw;
    for (const key of path) {
        value = isMapping(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[key] : undefined;
        node = node && structural(child(node, key), value);
    }
    return node?.entries ? Object.keys(node.entries) : [];
}

/** The node below `node` at `key`. */
function child(node: SchemaNode, key: string | number): SchemaNode | undefined {
    if (node.type === "array") {
        return node.item;
    }
    if (node.type === "record") {
        return node.value;
    }
    return node.entries?.[String(key)];
}

/** The object, array, record or (for a variant) option a schema stands for, unwrapped from pipes and defaults. */
function structural(node: SchemaNode | undefined, value: unknown): SchemaNode | undefined {
    if (!node) {
        return undefined;
    }
    if (node.wrapped) {
        return structural(node.wrapped, value);
    }
    if (node.pipe) {
        // A pipe starts with its schema, often a custom check that the value is a mapping.
        const schemas = node.pipe.filter((item) => item.kind === "schema" && item !== node);
        return schemas.map((item) => structural(item, value)).find((found) => found !== undefined && found.type !== "custom");
    }
    if (node.type === "variant" && node.options && node.key) {
        const tag = isMapping(value) ? value[node.key] : undefined;
        return structural(
            node.options.find((option) => structural(option, value)?.entries?.[node.key!]?.literal === tag),
            value,
        );
    }
    return node;
}

function isMapping(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
