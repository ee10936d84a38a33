// `npm run plan -- --stack <name> [--out <dir>]`: the offline plan (see offline/plan/).
import { resolve } from "node:path";

import { reportFailure, runPlanCommand, type CliOutput } from "../offline/plan/cli";
import { EXIT_PROGRAM_FAILED, PlanError } from "../offline/plan/planError";

const PROJECT_ROOT = resolve(__dirname, "..");

const terminal: CliOutput = { out: (text) => console.log(text), err: (text) => console.error(text) };

// Errors thrown inside apply() surface as unhandled rejections, outside runPlanCommand.
process.on("unhandledRejection", (reason) => {
    process.exitCode = reportFailure(new PlanError(EXIT_PROGRAM_FAILED, `the program failed under evaluation: ${String(reason)}`, reason), terminal);
    process.exit();
});

runPlanCommand(process.argv.slice(2), { projectRoot: PROJECT_ROOT, output: terminal }).then((code) => (process.exitCode = code));
