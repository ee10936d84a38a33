// One measured process of the benchmark. Modes:
//   floor                 load @pulumi/pulumi and @pulumi/kubernetes, install mocks
//   floor-aws             the floor plus @pulumi/aws, @pulumi/awsx and @pulumi/eks
//   stack <name>          evaluate Pulumi.<name>.yaml offline (config, validation, registrations)
//   apps <stack> <count>  the same with <count> generated applications
// Prints one JSON line: resources registered and peak memory (maxRSS, KiB).
import { resolve } from "node:path";

const PROJECT_ROOT = resolve(__dirname, "../..");

async function main(): Promise<number> {
    const [mode, ...args] = process.argv.slice(2);
    switch (mode) {
        case "floor":
        case "floor-aws": {
            const pulumi = await import("@pulumi/pulumi");
            await import("@pulumi/kubernetes");
            if (mode === "floor-aws") {
                await Promise.all([import("@pulumi/aws"), import("@pulumi/awsx"), import("@pulumi/eks")]);
            }
            await pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name, state: a.inputs }), call: () => ({}) }, "platform", "floor", true);
            return 0;
        }
        case "stack":
        case "apps": {
            const { readStackFile } = await import("../offline/stackFile");
            const { evaluateProgram } = await import("../offline/evaluate");
            const { runPlatformProgram } = await import("../program");
            let file = readStackFile(PROJECT_ROOT, args[0]);
            if (mode === "apps") {
                const { withGeneratedApps } = await import("./syntheticStack");
                file = withGeneratedApps(file, Number(args[1]));
            }
            const evaluation = await evaluateProgram({ ...file, program: (rootOptions) => runPlatformProgram({ rootOptions, allowMissingSecrets: true }) });
            return evaluation.resources.length;
        }
        default:
            throw new Error(`unknown mode '${mode}'`);
    }
}

main().then(
    (resources) => console.log(JSON.stringify({ resources, maxRssKiB: process.resourceUsage().maxRSS })),
    (error) => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
    },
);
