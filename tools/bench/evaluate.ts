// One measured evaluation of the benchmark: the offline evaluation of a stack (config
// loading, validation and every registration), optionally with <count> generated apps.
//   node --require ./tools/typescript-loader.cjs tools/bench/evaluate.ts <stack> [<count>]
// Prints one JSON line: resources registered and peak memory (maxRSS, KiB).
import { resolve } from "node:path";
import { evaluateProgram } from "../../offline/evaluate";
import { readStackFile } from "../../offline/stackFile";
import { runPlatformProgram } from "../../program";
import { withGeneratedApps } from "./syntheticStack";

const PROJECT_ROOT = resolve(__dirname, "../..");

async function main(): Promise<number> {
    const [stack, count] = process.argv.slice(2);
    const file = readStackFile(PROJECT_ROOT, stack);
    const evaluation = await evaluateProgram({
        ...(count ? withGeneratedApps(file, Number(count)) : file),
        program: (rootOptions) => runPlatformProgram({ rootOptions, allowMissingSecrets: true, onWarning: () => undefined }),
    });
    return evaluation.resources.length;
}

main().then(
    (resources) => console.log(JSON.stringify({ resources, maxRssKiB: process.resourceUsage().maxRSS })),
    (error) => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
    },
);
