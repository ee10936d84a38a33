// The Pulumi runtime's own cost per resource under the benchmark's mocks: a program that
// registers a provider and <count> small ConfigMaps through the same recording harness.
//   node --require ./tools/typescript-loader.cjs tools/bench/runtime.ts <count>
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import { evaluateProgram } from "../../offline/evaluate";

async function main(): Promise<number> {
    const count = Number(process.argv[2] ?? "0");
    const evaluation = await evaluateProgram({
        project: "platform",
        stack: "runtime",
        config: {},
        secretKeys: [],
        program: (rootOptions) => {
            const root = new pulumi.ComponentResource("bench:index:Root", "root", {}, rootOptions);
            const provider = new k8s.Provider("cluster", {}, { parent: root });
            for (let index = 0; index < count; index++) {
                const name = `config-${index}`;
                new k8s.core.v1.ConfigMap(
                    name,
                    { metadata: { name, namespace: "apps", labels: { app: name, env: "bench" } }, data: { KEY: "value" } },
                    { parent: root, provider },
                );
            }
            return {};
        },
    });
    return evaluation.resources.length;
}

main().then((resources) => console.log(JSON.stringify({ resources, maxRssKiB: process.resourceUsage().maxRSS })));
