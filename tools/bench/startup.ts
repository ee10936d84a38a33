// How the program starts under each runner, evaluated offline with the dev stack's config:
//   loader              index.ts through tools/typescript-loader.cjs, its cache filled (what
//                       Pulumi.yaml configures, on every run after the first)
//   loader-cold         the same with an empty cache (a fresh clone, or every file edited)
//   precompiled         the project transpiled ahead into plain JavaScript (a build step)
// This script itself runs through the loader.
//   node --require ./tools/typescript-loader.cjs tools/bench/startup.ts <mode> [<precompiled dir>]
import { join, resolve } from "node:path";

import { evaluateProgram } from "../../offline/evaluate";
import { readStackFile } from "../../offline/stackFile";

const PROJECT_ROOT = resolve(__dirname, "../..");

function entryPoint(mode: string, precompiledDir: string | undefined): string {
    return mode === "precompiled" ? join(precompiledDir!, "index.js") : join(PROJECT_ROOT, "index.ts");
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
