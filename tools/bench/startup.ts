// How the program starts under each runner Pulumi's nodejs runtime offers, evaluated
// offline with the dev stack's config:
//   precompiled         the compiled bin/index.js (what Pulumi.yaml configures)
//   ts-node-transpile   index.ts through ts-node without type-checking
//   ts-node-typecheck   index.ts through ts-node with type-checking (Pulumi's default for TypeScript)
// ts-node is the copy vendored in @pulumi/pulumi and the project's TypeScript, as Pulumi picks them,
// without its disk cache (a fresh machine or CI runner).
import { join, resolve } from "node:path";
import { evaluateProgram } from "../../offline/evaluate";
import { readStackFile } from "../../offline/stackFile";

const PROJECT_ROOT = resolve(__dirname, "../../..");
const VENDORED_TS_NODE = join(PROJECT_ROOT, "node_modules/@pulumi/pulumi/vendor/ts-node@7.0.1");

function entryPoint(mode: string): string {
    if (mode === "precompiled") {
        return join(PROJECT_ROOT, "bin/index.js");
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the runner is chosen at run time
    const tsNode = require(VENDORED_TS_NODE) as { register(options: object): void };
    tsNode.register({
        compiler: "typescript",
        transpileOnly: mode === "ts-node-transpile",
        project: join(PROJECT_ROOT, "tsconfig.json"),
        compilerOptions: {},
        // As on a fresh machine or CI runner: ts-node's disk cache would skip the work on repeat runs.
        cache: false,
    });
    return join(PROJECT_ROOT, "index.ts");
}

async function main(): Promise<void> {
    const mode = process.argv[2] ?? "precompiled";
    const file = readStackFile(PROJECT_ROOT, "dev");
    const entry = entryPoint(mode);
    await evaluateProgram({
        ...file,
        config: { ...file.config, [`${file.project}:externalIntegrationKey`]: "bench" },
        secretKeys: [...file.secretKeys, `${file.project}:externalIntegrationKey`],
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the entry point is what is measured
        program: () => require(entry),
    });
    console.log(JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS }));
}

main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});
