// Command-line options of the tools: `--help` prints the usage and exits 0; an unknown option
// or a missing value prints the problem and the usage and exits 2, never a stack trace.
import { parseArgs, type ParseArgsConfig } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** The parsed options and positionals, or the exit code when the tool should stop here. */
export type CommandLine<T extends Options> =
    { values: ReturnType<typeof parseArgs<{ options: T; allowPositionals: true }>>["values"]; positionals: string[] } | { exit: number };

/** Parses `args` (process.argv after the script) against `options`; `--help`/`-h` is always known. */
export function parseCommandLine<T extends Options>(args: string[], options: T, usage: string): CommandLine<T> {
    if (args.includes("--help") || args.includes("-h")) {
        console.log(usage);
        return { exit: 0 };
    }
    try {
        const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
        return { values, positionals };
    } catch (error) {
        console.error(`${(error as Error).message}\n${usage}`);
        return { exit: 2 };
    }
}
