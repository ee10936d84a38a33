// Command-line arguments of the offline plan. Pure: no Pulumi, no file system, so
// `--help` and argument errors answer at once.
import { join } from "node:path";
import { parseArgs } from "node:util";

export const HELP = `Offline plan: evaluates the platform program with Pulumi mocks and a stack's config
file, writes what it would deploy, and validates it. No Pulumi CLI, cluster or cloud
account is needed; secrets are never decrypted.

Usage:
  npm run plan -- --stack <name> [--out <dir>] [--against <previous plan dir>]
  node --require ./tools/typescript-loader.cjs tools/plan.ts --stack <name> [--out <dir>]

Options:
  -s, --stack <name>     stack to plan: reads Pulumi.yaml and Pulumi.<name>.yaml
  -o, --out <dir>        output directory (default: plan-out/<name>)
  -a, --against <dir>    a previous plan's output directory: also write diff.md
  -h, --help             show this help

Writes:
  <dir>/resources.json   every registered resource in registration order: type, name,
                         parent, provider, dependsOn, protect, aliases (former names, where
                         renamed), inputs (secrets "[secret]")
  <dir>/manifests.yaml   every Kubernetes object the program declares, one document each
  <dir>/cost.json        the estimated monthly cost, item by item (offline/cost/prices.json)
  <dir>/diff.md          with --against: what changes, what is replaced, the cost delta,
                         and a unified diff of the manifests

Validates every Kubernetes object against the upstream schemas (kubernetes-models,
Flux, Prometheus Operator) and every resource against the platform's policies.

Exit codes:
  0  plan written, no violations
  1  plan written, with schema or policy violations (listed)
  2  usage error, unknown stack or invalid config (nothing written)
  3  the program failed to evaluate (a bug: message and stack trace)`;

/** Stack names as Pulumi allows them; the name also picks the file Pulumi.<name>.yaml. */
const STACK_NAME = /^[A-Za-z0-9_.-]+$/;

export type PlanCommand = { kind: "help" } | { kind: "plan"; stack: string; outDir: string; against?: string };

export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UsageError";
    }
}

export function parsePlanArguments(args: readonly string[]): PlanCommand {
    let values: { stack?: string; out?: string; against?: string; help?: boolean };
    try {
        ({ values } = parseArgs({
            args: [...args],
            options: {
                stack: { type: "string", short: "s" },
                out: { type: "string", short: "o" },
                against: { type: "string", short: "a" },
                help: { type: "boolean", short: "h" },
            },
            strict: true,
            allowPositionals: false,
        }));
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
    if (values.help) {
        return { kind: "help" };
    }
    if (!values.stack) {
        throw new UsageError("--stack <name> is required, e.g. --stack dev");
    }
    if (!STACK_NAME.test(values.stack)) {
        throw new UsageError(`'${values.stack}' is not a stack name (letters, digits, '-', '_' and '.'), e.g. --stack dev`);
    }
    return { kind: "plan", stack: values.stack, outDir: values.out ?? join("plan-out", values.stack), ...(values.against ? { against: values.against } : {}) };
}
