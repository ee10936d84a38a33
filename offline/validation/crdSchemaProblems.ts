// A small validator of objects against a CRD's structural OpenAPI v3 schema: types,
// required fields, enums, patterns and lengths, and unknown fields (the API server
// prunes those silently, so a misspelt field would just vanish). Enough for the custom
// resources the platform writes; not a general OpenAPI validator. The offline plan uses
// it for kinds without a kubernetes-models package (crdSchemas.ts), the tests for CRDs
// of the reference data.

type Schema = Record<string, unknown>;

export function isMapping(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function schemaProblems(value: unknown, schema: Schema, path = ""): string[] {
    const at = path || "<root>";
    if (schema["x-kubernetes-int-or-string"] === true) {
        return typeof value === "string" || Number.isInteger(value) ? [] : [`${at}: must be an integer or a string`];
    }
    switch (schema.type) {
        case "object":
            return objectProblems(value, schema, path);
        case "array":
            return Array.isArray(value)
                ? value.flatMap((item, index) => (schema.items ? schemaProblems(item, schema.items as Schema, `${path}[${index}]`) : []))
                : [`${at}: must be a list`];
        case "string":
            return stringProblems(value, schema, at);
        case "integer":
            return Number.isInteger(value) ? [] : [`${at}: must be an integer`];
        case "number":
            return typeof value === "number" ? [] : [`${at}: must be a number`];
        case "boolean":
            return typeof value === "boolean" ? [] : [`${at}: must be a boolean`];
        default:
            return [];
    }
}

function objectProblems(value: unknown, schema: Schema, path: string): string[] {
    const at = path || "<root>";
    if (!isMapping(value)) {
        return [`${at}: must be an object`];
    }
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    const additional = schema.additionalProperties;
    const preserve = schema["x-kubernetes-preserve-unknown-fields"] === true;
    const missing = ((schema.required ?? []) as string[])
        .filter((key) => value[key] === undefined)
        .map((key) => `${path ? `${path}.` : ""}${key}: is required`);
    const fields = Object.entries(value).flatMap(([key, child]) => {
        const childPath = path ? `${path}.${key}` : key;
        if (properties[key]) {
            return schemaProblems(child, properties[key], childPath);
        }
        if (isMapping(additional)) {
            return schemaProblems(child, additional, childPath);
        }
        return additional === true || preserve || Object.keys(properties).length === 0 ? [] : [`${childPath}: unknown field (the API server would drop it)`];
    });
    return [...missing, ...fields];
}

function stringProblems(value: unknown, schema: Schema, at: string): string[] {
    if (typeof value !== "string") {
        return [`${at}: must be a string`];
    }
    const problems: string[] = [];
    if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
        problems.push(`${at}: '${value}' is not one of ${schema.enum.join(", ")}`);
    }
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern).test(value)) {
        problems.push(`${at}: '${value}' does not match ${schema.pattern}`);
    }
    if (typeof schema.maxLength === "number" && value.length > schema.maxLength) {
        problems.push(`${at}: longer than ${schema.maxLength}`);
    }
    if (typeof schema.minLength === "number" && value.length < schema.minLength) {
        problems.push(`${at}: shorter than ${schema.minLength}`);
    }
    return problems;
}
