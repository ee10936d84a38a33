// The stack file JSON Schema (editor completion and checks) and the configuration reference are
// generated from the config schema; they are committed, so a change of the schema must regenerate them.
import * as assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";

import { parseStackConfig } from "../stacks/parse";
import { generatedFiles } from "../tools/configDocs";
import { SCHEMA_MODELINE, SCHEMA_PATH } from "../tools/configDocs/paths";
import { devStackFrom, withHeader } from "../tools/newDevStack";
import { PROJECT_ROOT } from "./harness/evaluateStack";

// ajv comes with @kubernetes-models/validate, which the offline plan already uses to check objects.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Ajv = require("ajv") as new (options: object) => {
    compile(schema: object): ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string; params: Record<string, unknown> }[] | null };
};

const stackFiles = readdirSync(PROJECT_ROOT).filter((file) => /^Pulumi\.[^.]+\.yaml$/.test(file));
const schemaValidator = () => new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(PROJECT_ROOT, SCHEMA_PATH), "utf8")));

function stackDocument(file: string): { config: Record<string, any> } {
    return load(readFileSync(join(PROJECT_ROOT, file), "utf8")) as { config: Record<string, any> };
}

/** What the program reports for a stack file's project config, as the offline plan reads it. */
function programProblems(config: Record<string, unknown>): string {
    const values = Object.fromEntries(
        Object.entries(config)
            .filter(([key]) => key.startsWith("platform:"))
            .map(([key, value]) => [key.slice("platform:".length), value]),
    );
    try {
        parseStackConfig({ stack: "dev", values, awsRegion: config["aws:region"] as string | undefined });
        return "";
    } catch (error) {
        return (error as Error).message;
    }
}

describe("stack file JSON Schema and configuration reference (npm run config-docs)", () => {
    it("are what the config schema generates (run npm run config-docs after changing it)", () => {
        for (const [path, text] of Object.entries(generatedFiles())) {
            assert.ok(readFileSync(join(PROJECT_ROOT, path), "utf8") === text, `${path} is stale: run npm run config-docs`);
        }
    });

    it("is named by the first line of every stack file", () => {
        assert.ok(stackFiles.length >= 2);
        for (const file of stackFiles) {
            assert.equal(readFileSync(join(PROJECT_ROOT, file), "utf8").split("\n")[0], SCHEMA_MODELINE, file);
        }
    });

    it("accepts every stack file the program accepts", () => {
        const validate = schemaValidator();
        for (const file of stackFiles) {
            assert.ok(validate(stackDocument(file)), `${file}: ${JSON.stringify(validate.errors)}`);
        }
    });

    it("flags an unknown key as the program does: a misspelt section, a misspelt field, a value out of range", () => {
        const validate = schemaValidator();
        const cases: [string, (config: Record<string, any>) => void, string, string][] = [
            [
                "platform:gitop",
                (config) => (config["platform:gitop"] = { enabled: true }),
                "/config/platform:gitop",
                "gitop: unknown config key; did you mean gitops?",
            ],
            ["apps[0].replica", (config) => (config["platform:apps"][0].replica = 2), "/config/platform:apps/0", "apps[0].replica: unknown key"],
            ["cluster.workers", (config) => (config["platform:cluster"].workers = 11), "/config/platform:cluster", "cluster.workers: must be at most 10"],
        ];
        for (const [what, edit, at, message] of cases) {
            const document = stackDocument("Pulumi.dev.yaml");
            edit(document.config);
            assert.equal(validate(document), false, `${what}: the schema accepts it`);
            assert.ok(
                validate.errors!.some((error) => error.instancePath.startsWith(at)),
                `${what}: ${JSON.stringify(validate.errors)}`,
            );
            assert.ok(programProblems(document.config).includes(message), `${what}: the program says ${programProblems(document.config)}`);
        }
    });

    it("accepts a secret under any other project key, and refuses it in plaintext", () => {
        const validate = schemaValidator();
        const document = stackDocument("Pulumi.dev.yaml");
        document.config["platform:gitToken"] = { secure: "v1:abc" };
        assert.ok(validate(document), JSON.stringify(validate.errors));
        document.config["platform:gitToken"] = "ghp_plaintext";
        assert.equal(validate(document), false);
    });

    it("is named by a dev stack made with npm run new-dev-stack, on its first line", () => {
        const template = readFileSync(join(PROJECT_ROOT, "Pulumi.dev.yaml"), "utf8");
        const text = withHeader(devStackFrom(template, "dev-alice").text, "# dev-alice: a developer's dev stack");
        assert.deepEqual(text.split("\n").slice(0, 2), [SCHEMA_MODELINE, "# dev-alice: a developer's dev stack"]);
        assert.doesNotMatch(text, /dev-<you>/, "the template's dev-<you> commands name the new stack");
        assert.match(text, /-s dev-alice\b/);
    });

    it("documents every key path of every section in docs/configuration.md", () => {
        const reference = generatedFiles()["docs/configuration.md"];
        for (const path of [
            "logs.enabled",
            "admissionPolicy.action",
            "externalSecrets.enabled",
            "backups.enabled",
            "namespaces.logs",
            "apps[].replicas.min",
            "cluster.loadImages",
        ]) {
            assert.ok(reference.includes(`| \`${path}\` |`), `${path} is not in the reference`);
        }
    });
});
