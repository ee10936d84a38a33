// How the program starts under each runner, evaluated offline with the dev stack's config:
//   loader              index.ts through tools/typescript-loader.cjs, its cache filled (what
//                       Pulumi.yaml configures, on every run after the first)
//   loader-cold         the same with an empty cache (a fresh clone, or every file edited)
//   precompiled         the project transpiled ahead into plain JavaScript (a build step)
//   ts-node-transpile   index.ts through ts-node without type-checking
//   ts-node-typecheck   index.ts through ts-node with type-checking (Pulumi's default for TypeScript)
// This script itself runs through the loader; ts-node is the copy vendored in @pulumi/pulumi
// with the project's TypeScript, as Pulumi picks them, without its disk cache.
//   node --require ./tools/typescript-loader.cjs tools/bench/startup.ts <mode> [<precompiled dir>]
import Module from "node:module";
import { join, resolve } from "node:path";
import { evaluateProgram } from "../../offline/evaluate";
import { readStackFile } from "../../offline/stackFile";

const PROJECT_ROOT = resolve(__dirname, "../..");
const VENDORED_TS_NODE = join(PROJECT_ROOT, "node_modules/@pulumi/pulumi/vendor/ts-node@7.0.1");

function entryPoint(mode: string, precompiledDir: string | undefined): string {
    if (mode === "precompiled") {
        return join(precompiledDir!, "index.js");
    }
    if (mode.startsWith("ts-node")) {
        // ts-node chains to the .ts handler it finds: drop the loader's, so ts-node compiles the source itself.
        delete (Module as unknown as { _extensions: Record<string, unknown> })._extensions[".ts"];
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
    }
    return join(PROJECT_ROOT, "index.ts");
}

async function main(): Promise<void> {
    const [mode = "loader", precompiledDir] = process.argv.slice(2);
    const file = readStackFile(PROJECT_ROOT, "dev");
    const entry = entryPoint(mode, precompiledDir);
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
