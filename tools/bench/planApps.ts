// One measured run: the offline plan engine (config, evaluation, validation, the files) of a
// stack with <count> more apps, without the command line around it; its files go to <out dir>
// when one is given (kept), else to a temporary directory (removed).
//   node --require ./tools/typescript-loader.cjs tools/bench/planApps.ts <stack> <count> [<out dir>]
// Prints one JSON line: resources planned, peak memory (maxRSS, KiB) and, with
// PLATFORM_BENCH_MODULE_LOADING=1, the time spent loading modules (moduleLoading.ts).
import "./moduleLoadingSwitch";

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

import { runPlan } from "../../offline/plan/runPlan";
import { readStackFile } from "../../offline/stackFile";
import { moduleLoadingReport } from "./moduleLoadingSwitch";
import { appsWithClones } from "./syntheticStack";

const PROJECT_ROOT = resolve(__dirname, "../..");

async function main(): Promise<number> {
    const [stack, count, keptDir] = process.argv.slice(2);
    const outDir = keptDir ?? mkdtempSync(join(tmpdir(), "bench-plan-"));
    try {
        const extraConfig = appsWithClones(readStackFile(PROJECT_ROOT, stack), Number(count));
        const result = await runPlan({ projectRoot: PROJECT_ROOT, stack, outDir, extraConfig });
        if (result.violations.length > 0) {
            throw new Error(`the plan has ${result.violations.length} violation(s)`);
        }
        return result.resources.length;
    } finally {
        if (!keptDir) {
            rmSync(outDir, { recursive: true, force: true });
        }
    }
}

main().then(
    (resources) => console.log(JSON.stringify({ resources, maxRssKiB: process.resourceUsage().maxRSS, ...moduleLoadingReport() })),
    (error) => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
    },
);
