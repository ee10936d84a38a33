// Failures that end the plan with a message and an exit code instead of a stack trace.

export const EXIT_OK = 0;
export const EXIT_VIOLATIONS = 1;
export const EXIT_USAGE_OR_CONFIG = 2;
export const EXIT_PROGRAM_FAILED = 3;

export class PlanError extends Error {
    constructor(
        readonly exitCode: number,
        message: string,
        readonly cause?: unknown,
    ) {
        super(message);
        this.name = "PlanError";
    }
}
