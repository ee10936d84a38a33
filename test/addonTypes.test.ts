// The add-on contract's types follow the declaration: an add-on that declares a namespace
// gets a non-optional one, an add-on that runs only on EKS gets an EksCluster (the union is
// discriminated by clusterType), and no add-on needs a non-null assertion. The type-level
// cases are checked by `npm run typecheck` (this file is in tsconfig's include); the
// runtime cases check that what deploy receives is what its type says.
import * as assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import * as ts from "typescript";
import * as v from "valibot";

import { ADDONS } from "../components/addons";
import { defineAddon, type AnyAddon } from "../components/addons/contract";
import type { Cluster } from "../components/cluster";
import { evaluateProgram } from "../offline/evaluate";
import { readStackFile } from "../offline/stackFile";
import { runPlatformProgram } from "../program";
import { object, withDefault } from "../stacks/schema/base";
import { PROJECT_ROOT, stackInput } from "./harness/evaluateStack";

const schema = object({ enabled: withDefault(v.boolean(), true) });
const seen: { cluster?: Cluster; stacks: string[] } = { stacks: [] };

/** Runs on EKS only: its deploy reads the EKS fields without a check. */
const eksProbe = defineAddon({
    name: "eks-probe",
    configKey: "eksProbe",
    schema,
    runsOn: ["eks"],
    enabled: () => true,
    charts: [],
    provides: [],
    deploy: ({ cluster, stack }) => {
        const factory: (...args: never[]) => unknown = cluster.workloadIdentity.serviceAccountRole;
        assert.equal(typeof factory, "function");
        seen.cluster = cluster;
        seen.stacks.push(stack);
        return { capabilities: {}, outputs: { eksProbe: cluster.config.kubernetesVersion } };
    },
});

// Type-level cases: each line fails to compile when the contract loses what it promises.
export const typeCases = [
    defineAddon({
        name: "with-namespace",
        configKey: "withNamespace",
        schema,
        runsOn: ["kind", "eks"],
        enabled: () => true,
        namespace: { key: "withNamespace", defaultName: "with-namespace", podSecurity: "restricted" },
        charts: [],
        provides: [],
        deploy: ({ namespace, cluster }) => {
            const name: string = namespace.name;
            // @ts-expect-error -- runs on kind too: the cluster may have no workload identity
            void cluster.workloadIdentity;
            return { capabilities: {}, outputs: { name } };
        },
    }),
    defineAddon({
        name: "without-namespace",
        configKey: "withoutNamespace",
        schema,
        runsOn: ["kind"],
        enabled: () => true,
        charts: [],
        provides: [],
        deploy: ({ namespace }) => {
            const none: undefined = namespace;
            return { capabilities: {}, outputs: { none } };
        },
    }),
];

function sourceFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
    );
}

function nonNullAssertions(file: string): string[] {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const found: string[] = [];
    const visit = (node: ts.Node) => {
        if (ts.isNonNullExpression(node)) {
            found.push(`${relative(PROJECT_ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${node.getText()}`);
        }
        ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
}

describe("add-on contract types", function () {
    this.timeout(120_000);

    it("leave no non-null assertion in components/addons", () => {
        assert.deepEqual(sourceFiles(join(PROJECT_ROOT, "components/addons")).flatMap(nonNullAssertions), []);
    });

    it("hand an EKS-only add-on the EKS cluster of the stack's config, and never deploy it elsewhere", async () => {
        const addons: readonly AnyAddon[] = [...ADDONS, eksProbe];
        for (const stack of ["dev", "prod"]) {
            const input = stackInput(stack, stack === "dev" ? { "platform:externalIntegrationKey": "k" } : {});
            await evaluateProgram({ ...input, program: (rootOptions) => runPlatformProgram({ rootOptions, addons }) });
        }
        assert.deepEqual(seen.stacks, ["prod"]);
        assert.equal(seen.cluster?.clusterType, "eks");
        const prodCluster = JSON.parse(String(readStackFile(PROJECT_ROOT, "prod").config["platform:cluster"])) as { kubernetesVersion: string };
        assert.equal(seen.cluster.clusterType === "eks" && seen.cluster.config.kubernetesVersion, prodCluster.kubernetesVersion);
    });
});
