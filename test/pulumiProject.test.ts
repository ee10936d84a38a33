import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";

import { readStackFile } from "../offline/stackFile";
import { parseConfigValue } from "../stacks/load";
import { parseStackConfig } from "../stacks/parse";
import { devStackFrom } from "../tools/newDevStack";
import { PROJECT_ROOT } from "./harness/evaluateStack";
import { MAIN, NODE_ARGS } from "./harness/source";

// Pulumi's project schema (sdk/go/common/workspace/project.json) types project config
// declarations as string, integer, boolean or array only, and requires `type`.
const DECLARABLE_TYPES = ["string", "integer", "boolean", "array"];

describe("Pulumi.yaml", () => {
    const project = load(readFileSync(join(PROJECT_ROOT, "Pulumi.yaml"), "utf8")) as any;

    // Pulumi's nodejs host starts `node <nodeargs> run.js ... <main>` and require()s main
    // (@pulumi/pulumi cmd/run/run.js, CommonJS branch); typescript: false keeps its ts-node out.
    it("runs the TypeScript source through the loader, with no build step", () => {
        assert.equal(project.runtime.name, "nodejs");
        assert.equal(project.runtime.options.typescript, false);
        assert.equal(project.main, "index.ts");
        assert.deepEqual(NODE_ARGS, ["--require", "./tools/typescript-loader.cjs"]);
    });

    it("starts the source itself: main and every module it loads are .ts files of the checkout", () => {
        // The program under mocks with the dev stack's config, as the offline plan runs it.
        const script = `
            const { evaluateProgram } = require("./offline/evaluate.ts");
            const file = require("./offline/stackFile.ts").readStackFile(".", "dev");
            const config = { ...file.config, "platform:externalIntegrationKey": "k" };
            const secretKeys = [...file.secretKeys, "platform:externalIntegrationKey"];
            evaluateProgram({ ...file, config, secretKeys, program: () => require(${JSON.stringify(MAIN)}) }).then(() => {
                const ours = Object.keys(require.cache).filter((path) => !path.includes("node_modules"));
                console.log(JSON.stringify(ours.map((path) => require("node:path").relative(process.cwd(), path))));
            });`;
        const run = spawnSync(process.execPath, [...NODE_ARGS, "-e", script], { cwd: PROJECT_ROOT, encoding: "utf8" });
        const loaded: string[] = JSON.parse(run.stdout.trim().split("\n").pop() ?? "[]");
        assert.ok(loaded.includes("index.ts") && loaded.includes("program.ts"), run.stderr);
        assert.deepEqual(
            loaded.filter((path) => !/\.(ts|json)$/.test(path) && !["tools/typescript-loader.cjs", "tools/defer-closure-deps.cjs"].includes(path)),
            [],
        );
        assert.equal(existsSync(join(PROJECT_ROOT, "bin")), false, "no compiled copy that could be run instead");
    });

    // tools/defer-closure-deps.cjs: @pulumi/pulumi 3.270.0 runtime/index.js:19-22 loads the closure
    // serializer, whose parseFunction.js:25 and codePaths.js:29 require TypeScript and Arborist.
    it("starts without TypeScript's compiler and Arborist, and still loads them when a function is serialized", () => {
        const script = `
            const pulumi = require("@pulumi/pulumi");
            const loaded = () => Object.keys(require.cache).filter((path) => /typescript\\/lib\\/|@npmcli\\/arborist\\/lib\\/(?!index)/.test(path)).length;
            const atStart = loaded();
            pulumi.runtime.serializeFunction(() => 42).then((closure) => console.log(JSON.stringify({ atStart, after: loaded(), works: closure.text.includes("42") })));`;
        const run = spawnSync(process.execPath, [...NODE_ARGS, "-e", script], { cwd: PROJECT_ROOT, encoding: "utf8" });
        const result = JSON.parse(run.stdout.trim().split("\n").pop() ?? "{}");
        assert.equal(result.atStart, 0, run.stderr);
        assert.ok(result.after > 0, "serializing a function loads the real modules");
        assert.equal(result.works, true);
    });

    // The same file defers what only a real engine or a closure uses: @pulumi/pulumi 3.270.0
    // index.js:38 loads the Automation API, errors.js:23 and runtime/settings.js:23-32 gRPC and its
    // generated clients, closure/codePaths.js:28 normalize-package-data (and the spdx parsers).
    it("starts without the Automation API, gRPC and the spdx parsers, and loads each on first use", () => {
        const script = `
            const pulumi = require("@pulumi/pulumi");
            const pattern = /@pulumi\\/pulumi\\/automation\\/(?!index)|@grpc\\/grpc-js\\/build\\/src\\/(?!index)|spdx-|normalize-package-data\\/lib\\/(?!normalize)/;
            const loaded = () => Object.keys(require.cache).filter((path) => pattern.test(path)).length;
            const atStart = loaded();
            const grpc = require("@grpc/grpc-js");
            const used = {
                workspace: typeof pulumi.automation.LocalWorkspace,
                unavailable: grpc.status.UNAVAILABLE,
                client: typeof require("@pulumi/pulumi/proto/resource_grpc_pb").ResourceMonitorClient,
                normalized: (() => { const data = { name: "x", version: "1.0.0", license: "MIT" }; require("normalize-package-data")(data); return data._id; })(),
            };
            console.log(JSON.stringify({ atStart, after: loaded(), used }));`;
        const run = spawnSync(process.execPath, [...NODE_ARGS, "-e", script], { cwd: PROJECT_ROOT, encoding: "utf8" });
        const result = JSON.parse(run.stdout.trim().split("\n").pop() ?? "{}");
        assert.equal(result.atStart, 0, run.stderr);
        assert.ok(result.after > 0, "using them loads the real modules");
        assert.deepEqual(result.used, { workspace: "function", unavailable: 14, client: "function", normalized: "x@1.0.0" });
    });

    it("declares config keys only with types the project schema allows", () => {
        for (const [key, declaration] of Object.entries<any>(project.config)) {
            assert.ok(DECLARABLE_TYPES.includes(declaration.type), `${key} has type ${declaration.type}`);
            assert.equal(typeof declaration.description, "string", `${key} has no description`);
        }
    });

    // Pulumi fails every stack that lacks a declared key without a default, and rejects a
    // plaintext default of a secret key: only what every stack must set can be declared.
    it("declares only keys every stack sets or requires, secrets as secret strings", () => {
        for (const stack of ["dev", "prod"]) {
            const file = readStackFile(PROJECT_ROOT, stack);
            const values = Object.fromEntries(
                Object.entries(file.config)
                    .filter(([key]) => key.startsWith("platform:"))
                    .map(([key, text]) => [key.slice("platform:".length), parseConfigValue(text)]),
            );
            const parsed = parseStackConfig({ stack, values, awsRegion: file.config["aws:region"] }, { allowMissingSecrets: true });
            const required = new Set([...parsed.secrets, ...parsed.missingSecrets].filter((ref) => ref.required).map((ref) => ref.configKey));
            for (const [key, declaration] of Object.entries<any>(project.config)) {
                assert.equal(declaration.default, undefined, `${key} must not declare a default`);
                assert.ok(key in values || required.has(key), `${stack} neither sets nor requires ${key}`);
                if (declaration.secret) {
                    assert.equal(declaration.type, "string", key);
                    assert.ok(required.has(key), `${key} is declared secret but ${stack} does not require it`);
                }
            }
        }
    });

    it("documents the optional secret keys the default config refers to", () => {
        const text = readFileSync(join(PROJECT_ROOT, "Pulumi.yaml"), "utf8");
        const readme = readFileSync(join(PROJECT_ROOT, "docs", "security.md"), "utf8");
        for (const key of ["grafanaAdminPassword", "alertmanagerConfig"]) {
            assert.match(text, new RegExp(`^ *# +${key} `, "m"), `Pulumi.yaml does not document ${key}`);
            assert.ok(readme.includes(`\`${key}\``), `docs/security.md does not document ${key}`);
        }
    });

    it("disables the default Kubernetes provider in every stack", () => {
        for (const stack of ["dev", "prod"]) {
            const file = load(readFileSync(join(PROJECT_ROOT, `Pulumi.${stack}.yaml`), "utf8")) as any;
            assert.deepEqual(file.config["pulumi:disable-default-providers"], ["kubernetes"], stack);
        }
    });
});

describe("a developer's dev stack (npm run new-dev-stack)", () => {
    it("copies the template without another stack's encrypted values and salt", () => {
        const template =
            "encryptionsalt: v1:abc\nconfig:\n  platform:environment: dev\n  platform:externalIntegrationKey:\n    secure: v1:xyz\n  platform:gitToken: { secure: v1:pqr }\n  platform:apps: []\n";
        const { text, secretKeys } = devStackFrom(template, "dev-alice");
        assert.deepEqual(secretKeys, ["platform:externalIntegrationKey", "platform:gitToken"]);
        assert.equal(text, "config:\n  platform:environment: dev\n  platform:apps: []\n");
    });

    it("makes a stack like dev whose kind cluster is its own (two stacks with one cluster name would share and delete one cluster)", () => {
        const template = readFileSync(join(PROJECT_ROOT, "Pulumi.dev.yaml"), "utf8");
        const made = load(devStackFrom(template, "dev-alice").text) as { config: Record<string, any> };
        const dev = load(template) as { config: Record<string, any> };
        assert.equal(made.config["platform:cluster"].name, "platform-dev-alice");
        assert.deepEqual({ ...made.config, "platform:cluster": { ...made.config["platform:cluster"], name: dev.config["platform:cluster"].name } }, dev.config);
        const unnamed = "config:\n  platform:cluster:\n    type: kind\n    workers: 1\n  platform:apps: []\n";
        assert.equal(
            devStackFrom(unnamed, "dev-bob").text,
            "config:\n  platform:cluster:\n    name: platform-dev-bob\n    type: kind\n    workers: 1\n  platform:apps: []\n",
        );
    });
});
