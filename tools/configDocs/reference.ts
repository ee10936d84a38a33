// The configuration reference (docs/configuration.md), rendered from the stack file's JSON
// Schema: one table per section with every key path, its type, default and allowed values.
// Generated from the same schema as the editor support, so the two cannot disagree.

type Node = {
    type?: string | string[];
    description?: string;
    properties?: Record<string, Node>;
    required?: string[];
    items?: Node;
    additionalProperties?: Node | boolean;
    oneOf?: Node[];
    anyOf?: Node[];
    enum?: unknown[];
    const?: unknown;
    default?: unknown;
    minimum?: number;
    maximum?: number;
    minLength?: number;
    maxLength?: number;
    minItems?: number;
    pattern?: string;
};

interface Row {
    path: string;
    type: string;
    required: boolean;
    default?: unknown;
    allowed: string;
    description?: string;
}

function code(value: unknown): string {
    return `\`${typeof value === "string" ? value : JSON.stringify(value)}\``.replace(/\|/g, "\\|");
}

function typeOf(node: Node): string {
    if (node.const !== undefined) {
        return "string";
    }
    if (node.enum) {
        return "string";
    }
    if (node.oneOf || node.anyOf) {
        return [...new Set((node.oneOf ?? node.anyOf)!.map(typeOf))].join(" or ");
    }
    if (node.type === "array") {
        return `list of ${node.items ? typeOf(node.items) : "any"}`;
    }
    if (node.type === "object" && !node.properties && node.additionalProperties && node.additionalProperties !== true) {
        return `map of ${typeOf(node.additionalProperties)}`;
    }
    return Array.isArray(node.type) ? node.type.join(" or ") : (node.type ?? "any");
}

function allowed(node: Node): string {
    const parts: string[] = [];
    if (node.const !== undefined) {
        parts.push(code(node.const));
    }
    if (node.enum) {
        parts.push(node.enum.map(code).join(", "));
    }
    if (node.minimum !== undefined || node.maximum !== undefined) {
        parts.push(`${node.minimum ?? ""}..${node.maximum ?? ""}`);
    }
    if (node.minLength !== undefined && node.minLength > 1) {
        parts.push(`at least ${node.minLength} characters`);
    }
    if (node.maxLength !== undefined) {
        parts.push(`at most ${node.maxLength} characters`);
    }
    if (node.minItems !== undefined) {
        parts.push(`at least ${node.minItems} item${node.minItems === 1 ? "" : "s"}`);
    }
    if (node.pattern) {
        parts.push(`matches ${code(node.pattern)}`);
    }
    return parts.join("; ");
}

/** Every key path below `node`, depth first; lists show as `[]`, maps as `.<name>`. */
export function rows(node: Node, path: string, required: boolean): Row[] {
    const own: Row = { path, type: typeOf(node), required, default: node.default, allowed: allowed(node), description: node.description };
    const variants = (node.oneOf ?? node.anyOf ?? []).filter((variant) => variant.properties);
    if (!node.properties && variants.length > 0) {
        // A field that is one of several objects (told apart by a key): the keys of every variant, each once.
        const byPath = new Map<string, Row>();
        for (const row of variants.flatMap((variant) => rows(variant, path, required).slice(1))) {
            const first = byPath.get(row.path);
            if (!first) {
                byPath.set(row.path, row);
            } else if (row.allowed && !first.allowed.split(", ").includes(row.allowed)) {
                first.allowed = `${first.allowed}, ${row.allowed}`;
            }
        }
        return [own, ...byPath.values()];
    }
    if (node.properties) {
        const below = Object.entries(node.properties).flatMap(([key, child]) => rows(child, `${path}.${key}`, node.required?.includes(key) ?? false));
        return [own, ...below];
    }
    if (node.type === "array" && node.items?.properties) {
        return [own, ...rows(node.items, `${path}[]`, true).slice(1)];
    }
    if (node.type === "object" && node.additionalProperties && node.additionalProperties !== true && node.additionalProperties.properties) {
        return [own, ...rows(node.additionalProperties, `${path}.<name>`, true).slice(1)];
    }
    return [own];
}

function table(list: Row[]): string[] {
    return [
        "| key | type | required | default | allowed |",
        "|---|---|---|---|---|",
        ...list.map(
            (row) =>
                `| \`${row.path}\` | ${row.type} | ${row.required ? "yes" : "no"} | ${row.default === undefined ? "" : code(row.default)} | ${row.allowed} |`,
        ),
    ];
}

/** One section: its description, then a table per variant (the cluster types), or one table. */
function section(key: string, node: Node, required: boolean): string[] {
    const out = [`## \`${key}\``, ""];
    if (node.description) {
        out.push(node.description, "");
    }
    const variants = node.oneOf ?? node.anyOf;
    if (variants && variants.every((variant) => variant.properties)) {
        for (const variant of variants) {
            const tag = Object.entries(variant.properties!).find(([, child]) => child.const !== undefined);
            out.push(tag ? `With \`${tag[0]}: ${String(tag[1].const)}\`:` : "One of:", "", ...table(rows(variant, key, required).slice(1)), "");
        }
        return out;
    }
    return [...out, ...table(rows(node, key, required)), ""];
}

/** The whole reference, from the stack file schema. */
export function configurationReference(stackSchema: Record<string, unknown>, project = "platform"): string {
    const config = (stackSchema.properties as Record<string, Node>).config;
    const prefix = `${project}:`;
    const sections = Object.entries(config.properties!).filter(([key]) => key.startsWith(prefix));
    const others = Object.entries(config.properties!).filter(([key]) => !key.startsWith(prefix));
    return [
        "# Configuration reference",
        "",
        "<!-- Generated by `npm run config-docs` from the config schema (stacks/schema, components/addons/*); do not edit. -->",
        "",
        `Every key of a stack file's \`config:\`. The program's keys are \`${prefix}<key>\` in`,
        "`Pulumi.<stack>.yaml`, and their paths are what `pulumi config set --path` takes (`apps[0].replicas.min`).",
        "Type, default and allowed values come from the schema the program validates with; the checks",
        "that span keys (unique names, references between sections, add-on dependencies) are the",
        "program's and run in `pulumi preview` and the offline plan. What each section is for:",
        "[stack-files.md](stack-files.md).",
        "",
        `Any other \`${prefix}<key>\` must be a secret the config refers to, set with`,
        "`pulumi config set --secret <key> <value>` (see [security.md](security.md#secret-config-keys)).",
        "",
        ...sections.flatMap(([key, node]) => section(key.slice(prefix.length), node, config.required?.includes(key) ?? false)),
        "## Other namespaces",
        "",
        "| key | type | description |",
        "|---|---|---|",
        ...others.map(([key, node]) => `| \`${key}\` | ${typeOf(node)} | ${node.description ?? ""} |`),
        "",
    ].join("\n");
}
