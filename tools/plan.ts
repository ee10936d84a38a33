// `npm run plan -- --stack <name> [--out <dir>]`: the offline plan's command line.
// Arguments are parsed before the program's modules load, so --help and usage errors
// answer without paying for @pulumi/pulumi.
import { resolve } from "node:path";
import { HELP, UsageError, parsePlanArguments } from "../offline/plan/arguments";
import { EXIT_OK, EXIT_PROGRAM_FAILED, EXIT_USAGE_OR_CONFIG, EXIT_VIOLATIONS, PlanError } from "../offline/plan/planError";

/** The project root: bin/tools/plan.js sits two levels below it. */
const PROJECT_ROOT = resolve(__dirname, "../..");

async function main(args: string[]): Promise<number> {
    const command = parsePlanArguments(args);
    if (command.kind === "help") {
        console.log(HELP);
        return EXIT_OK;
    }
    const { runPlan } = await import("../offline/plan/runPlan.js");
    const result = await runPlan({ projectRoot: PROJECT_ROOT, stack: command.stack, outDir: resolve(command.outDir) });
    console.log(result.report);
    return result.violations.length === 0 ? EXIT_OK : EXIT_VIOLATIONS;
}

function fail(error: unknown): number {
    if (error instanceof UsageError) {
        console.error(`plan: ${error.message}\n\n${HELP}`);
        return EXIT_USAGE_OR_CONFIG;
    }
    if (error instanceof PlanError) {
        console.error(`plan: ${error.message}`);
        if (error.exitCode === EXIT_PROGRAM_FAILED && error.cause instanceof Error) {
            console.error(error.cause.stack);
        }
        return error.exitCode;
    }
    console.error("plan: unexpected failure:", error);
    return EXIT_PROGRAM_FAILED;
}

// Errors inside apply() surface as unhandled rejections, not as main()'s failure.
process.on("unhandledRejection", (reason) => {
    process.exitCode = fail(new PlanError(EXIT_PROGRAM_FAILED, `the program failed under evaluation: ${String(reason)}`, reason));
    process.exit();
});

main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error) => (process.exitCode = fail(error)),
);
