// The plan's command line as a function: arguments in, text and an exit code out.
// Arguments are parsed before the program's modules load, so --help and usage errors
// answer without paying for @pulumi/pulumi.
import { resolve } from "node:path";

import { HELP, parsePlanArguments, UsageError } from "./arguments";
import { EXIT_OK, EXIT_PROGRAM_FAILED, EXIT_USAGE_OR_CONFIG, EXIT_VIOLATIONS, PlanError } from "./planError";
import type { PlanOptions } from "./runPlan";

export interface CliOutput {
    out(text: string): void;
    err(text: string): void;
}

export interface CliContext {
    /** Directory holding Pulumi.yaml and the stack files. */
    projectRoot: string;
    output: CliOutput;
    program?: PlanOptions["program"];
}

export async function runPlanCommand(args: readonly string[], { projectRoot, output, program }: CliContext): Promise<number> {
    try {
        const command = parsePlanArguments(args);
        if (command.kind === "help") {
            output.out(HELP);
            return EXIT_OK;
        }
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: --help needs none of the program
        const { runPlan } = require("./runPlan") as typeof import("./runPlan");
        const result = await runPlan({
            projectRoot,
            stack: command.stack,
            outDir: resolve(command.outDir),
            against: command.against && resolve(command.against),
            program,
        });
        output.out(result.report);
        return result.violations.length === 0 ? EXIT_OK : EXIT_VIOLATIONS;
    } catch (error) {
        return reportFailure(error, output);
    }
}

/** Prints a failure; only an unexpected one (a bug) comes with its stack trace. */
export function reportFailure(error: unknown, output: CliOutput): number {
    if (error instanceof UsageError) {
        output.err(`plan: ${error.message}\n\n${HELP}`);
        return EXIT_USAGE_OR_CONFIG;
    }
    if (error instanceof PlanError) {
        const trace = error.exitCode === EXIT_PROGRAM_FAILED && error.cause instanceof Error ? `\n${error.cause.stack}` : "";
        output.err(`plan: ${error.message}${trace}`);
        return error.exitCode;
    }
    output.err(`plan: unexpected failure: ${error instanceof Error ? error.stack : String(error)}`);
    return EXIT_PROGRAM_FAILED;
}
