// Writes the stack file JSON Schema and the configuration reference from the config schema.
//   npm run config-docs            write schema/stack-config.schema.json and docs/configuration.md
//   npm run config-docs -- --check exit 1 when either file differs from what the schema gives
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

import { ADDONS } from "../../components/addons";
import { SCHEMA_PATH } from "./paths";
import { configurationReference } from "./reference";
import { stackFileSchema } from "./stackFileSchema";

const PROJECT_ROOT = resolve(__dirname, "..", "..");
export const REFERENCE_PATH = "docs/configuration.md";

const USAGE = `usage: npm run config-docs [-- --check]
  writes ${SCHEMA_PATH} and ${REFERENCE_PATH} from the config schema;
  --check  writes nothing, exits 1 when either file is stale`;

/** The generated files by path, relative to the project root. */
export function generatedFiles(): Record<string, string> {
    const schema = stackFileSchema(ADDONS);
    return { [SCHEMA_PATH]: `${JSON.stringify(schema, null, 2)}\n`, [REFERENCE_PATH]: configurationReference(schema) };
}

function readOrEmpty(path: string): string {
    try {
        return readFileSync(path, "utf8");
    } catch {
        return "";
    }
}

function main(args: string[]): number {
    if (args.includes("--help") || args.includes("-h")) {
        console.log(USAGE);
        return 0;
    }
    const unknown = args.filter((arg) => arg !== "--check");
    if (unknown.length > 0) {
        console.error(`unknown argument ${unknown[0]}\n${USAGE}`);
        return 2;
    }
    const stale: string[] = [];
    for (const [path, text] of Object.entries(generatedFiles())) {
        const target = join(PROJECT_ROOT, path);
        if (readOrEmpty(target) === text) {
            continue;
        }
        stale.push(path);
        if (!args.includes("--check")) {
            writeFileSync(target, text);
            console.log(`wrote ${path}`);
        }
    }
    if (args.includes("--check") && stale.length > 0) {
        console.error(`stale: ${stale.join(", ")}; run npm run config-docs`);
        return 1;
    }
    return 0;
}

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2));
}
