// Derives the facts the tests need from the upstream reference data (pinned charts'
// values.yaml, CRDs) and writes them to test/fixtures/reference/, so the tests run in
// any clone. The facts are shapes, not the files: values keep their key paths and the
// kind of each value (map, list, null, string, number, boolean); CRD schemas keep their
// structure without descriptions.
//   npm run reference-facts [-- --reference ../shared/reference]
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { load } from "js-yaml";

import { parseCommandLine } from "./commandLine";

const PROJECT_ROOT = resolve(__dirname, "..");
export const FACTS_DIR = join(PROJECT_ROOT, "test/fixtures/reference");
export const DEFAULT_REFERENCE_DIR = join(PROJECT_ROOT, "..", "shared", "reference");

/** A values tree reduced to its shape: every key kept, scalars replaced by an empty value of their type. */
export function valuesShape(value: unknown): unknown {
    if (Array.isArray(value)) {
        return [];
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, valuesShape(item)]));
    }
    switch (typeof value) {
        case "string":
            return "";
        case "number":
            return 0;
        case "boolean":
            return false;
        default:
            return null;
    }
}

/** An OpenAPI schema without its descriptions. */
export function schemaStructure(schema: unknown): unknown {
    if (Array.isArray(schema)) {
        return schema.map(schemaStructure);
    }
    if (schema !== null && typeof schema === "object") {
        return Object.fromEntries(
            Object.entries(schema)
                // A property may itself be named "description": only drop description strings.
                .filter(([key, item]) => !(key === "description" && typeof item === "string"))
                .map(([key, item]) => [key, schemaStructure(item)]),
        );
    }
    return schema;
}

interface CrdDocument {
    spec: { versions: { name: string; schema: { openAPIV3Schema: unknown } }[] };
}

/** The facts files by relative path, derived from a reference directory. */
export function referenceFacts(referenceDir: string): Record<string, string> {
    const facts: Record<string, string> = {};
    const json = (value: unknown) => `${JSON.stringify(value, null, 1)}\n`;
    for (const file of readdirSync(join(referenceDir, "charts")).filter((name) => name.endsWith(".values.yaml"))) {
        const values = load(readFileSync(join(referenceDir, "charts", file), "utf8"));
        facts[`charts/${basename(file, ".values.yaml")}.shape.json`] = json(valuesShape(values));
    }
    for (const file of readdirSync(join(referenceDir, "crds")).filter((name) => name.endsWith(".yaml"))) {
        const crd = load(readFileSync(join(referenceDir, "crds", file), "utf8")) as CrdDocument;
        const versions = Object.fromEntries(crd.spec.versions.map((version) => [version.name, schemaStructure(version.schema.openAPIV3Schema)]));
        facts[`crds/${basename(file, ".yaml")}.schema.json`] = json(versions);
    }
    return facts;
}

const USAGE = `usage: npm run reference-facts [-- --reference <dir>]
  --reference <dir>  the upstream reference data (${DEFAULT_REFERENCE_DIR}); writes test/fixtures/reference/`;

function main(): number {
    const line = parseCommandLine(process.argv.slice(2), { reference: { type: "string", default: DEFAULT_REFERENCE_DIR } }, USAGE);
    if ("exit" in line) {
        return line.exit;
    }
    const { values } = line;
    const facts = referenceFacts(resolve(values.reference!));
    for (const [path, text] of Object.entries(facts)) {
        mkdirSync(join(FACTS_DIR, path, ".."), { recursive: true });
        writeFileSync(join(FACTS_DIR, path), text);
    }
    console.log(`Wrote ${Object.keys(facts).length} facts files to ${FACTS_DIR}`);
    return 0;
}

if (require.main === module) {
    process.exitCode = main();
}
