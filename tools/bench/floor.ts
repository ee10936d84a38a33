// The benchmark's floor: a process that only loads @pulumi/pulumi and @pulumi/kubernetes
// (plus, with --aws, the AWS packages) and installs the mocks. Prints peak memory.
import * as pulumi from "@pulumi/pulumi";
import "@pulumi/kubernetes";

if (process.argv.includes("--aws")) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- measured only when asked for
    ["@pulumi/aws", "@pulumi/awsx", "@pulumi/eks"].forEach((name) => require(name));
}
pulumi.runtime
    .setMocks({ newResource: (args) => ({ id: args.name, state: {} }), call: () => ({}) }, "platform", "floor", true)
    .then(() => console.log(JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS })));
