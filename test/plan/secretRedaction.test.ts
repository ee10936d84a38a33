import * as assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { dump, load } from "js-yaml";

import { runPlanCommand } from "../../offline/plan/cli";
import { PlanError } from "../../offline/plan/planError";
import { runPlan } from "../../offline/plan/runPlan";
import { leakedSecretKeys, secretConfigValues } from "../../offline/plan/secretLeaks";
import { redactSecretLeaves, redactSecrets } from "../../offline/secretValues";
import { PROJECT_ROOT } from "../harness/evaluateStack";

// Values that must never reach a plan file or the terminal.
const CIPHERTEXT = "v1:AAABAHQ2Y2lwaGVydGV4dC1vZi1leHRlcm5hbC1rZXk=";
const EXTRA_SECRET = "extra-secret-9f8e7d6c";
const JOB_SECRET = "job-secret-5a4b3c2d";

/** A project root with the dev stack plus secrets: one `secure:` in the file, two set as extra config. */
function projectWithSecrets(): string {
    const root = mkdtempSync(join(tmpdir(), "plan-secrets-"));
    copyFileSync(join(PROJECT_ROOT, "Pulumi.yaml"), join(root, "Pulumi.yaml"));
    const stack = load(readFileSync(join(PROJECT_ROOT, "Pulumi.dev.yaml"), "utf8")) as any;
    stack.config["platform:externalIntegrationKey"] = { secure: CIPHERTEXT };
    stack.config["platform:apps"][1].secretEnv = { DATA_API_TOKEN: "dataApiToken" };
    stack.config["platform:jobs"][0].secretEnv = { REPORT_TOKEN: "reportToken" };
    writeFileSync(join(root, "Pulumi.vault.yaml"), dump(stack));
    return root;
}

describe("offline plan secret redaction", () => {
    it("copies inputs key for key, in order, with a key named __proto__ kept as data", () => {
        const secret = { [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value: { password: "p", list: ["a", 1] } };
        const inputs = JSON.parse(`{"b": 1, "a": [{"z": null, "y": true}], "__proto__": {"x": 1}, "10": "ten", "2": "two"}`);
        inputs.secret = secret;
        const redacted = redactSecrets(inputs) as Record<string, unknown>;
        assert.equal(JSON.stringify(redacted), `{"2":"two","10":"ten","b":1,"a":[{"z":null,"y":true}],"__proto__":{"x":1},"secret":"[secret]"}`);
        assert.equal(Object.getPrototypeOf(redacted), Object.prototype);
        assert.deepEqual((redactSecretLeaves(inputs) as Record<string, unknown>).secret, { password: "[secret]", list: ["[secret]", "[secret]"] });
    });

    it("copies only what holds a secret: the rest is returned as it is, the input left unchanged", () => {
        const secret = { [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value: "p" };
        const inputs = {
            metadata: { name: "web", labels: { app: "web" } },
            spec: {
                env: [
                    { name: "A", value: "a" },
                    { name: "T", value: secret },
                ],
            },
        };
        const before = JSON.stringify(inputs);
        for (const redact of [redactSecrets, redactSecretLeaves]) {
            const redacted = redact(inputs) as typeof inputs;
            assert.notEqual(redacted, inputs);
            assert.equal(redacted.metadata, inputs.metadata, "no secret inside: the same object");
            assert.notEqual(redacted.spec.env, inputs.spec.env);
            assert.equal(redacted.spec.env[0], inputs.spec.env[0]);
            assert.deepEqual(redacted.spec.env[1], { name: "T", value: "[secret]" });
            assert.equal(JSON.stringify(inputs), before);
        }
        assert.equal(redactSecrets(inputs.metadata), inputs.metadata);
    });

    let root: string;
    before(() => (root = projectWithSecrets()));
    after(() => rmSync(root, { recursive: true, force: true }));

    it("writes no secret value to resources.json, manifests.yaml or the printed summary", async () => {
        const outDir = join(root, "out");
        const result = await runPlan({
            projectRoot: root,
            stack: "vault",
            outDir,
            extraConfig: { "platform:dataApiToken": EXTRA_SECRET, "platform:reportToken": JOB_SECRET },
            extraSecretKeys: ["platform:dataApiToken", "platform:reportToken"],
        });
        const texts = {
            "resources.json": readFileSync(join(outDir, "resources.json"), "utf8"),
            "manifests.yaml": readFileSync(join(outDir, "manifests.yaml"), "utf8"),
            summary: result.report,
        };
        for (const [name, text] of Object.entries(texts)) {
            for (const secret of [CIPHERTEXT, CIPHERTEXT.slice(3), EXTRA_SECRET, JOB_SECRET]) {
                assert.ok(!text.includes(secret), `${name} contains ${secret}`);
            }
        }
        assert.deepEqual(result.violations, []);
        assert.deepEqual(result.warnings, [], "every secret is set");
        // Redacted, not dropped: the Secrets keep their keys with the placeholder.
        const secrets = JSON.parse(texts["resources.json"]).filter((r: any) => r.type === "kubernetes:core/v1:Secret");
        assert.deepEqual(
            secrets.map((r: any) => [r.name, r.inputs.stringData]),
            [
                ["monitoring-grafana-admin-credentials", "[secret]"],
                // kind's root CA: its key is a Pulumi secret, and with it the whole stringData.
                ["cert-manager-root-ca-secret", "[secret]"],
                ["backend-api-secret", "[secret]"],
                ["data-api-secret", "[secret]"],
                ["health-check-secret", "[secret]"],
            ],
        );
        assert.match(texts["manifests.yaml"], /stringData:\n {2}DATA_API_TOKEN: "\[secret\]"/);
    });

    it("prints nothing secret from the command line either", async () => {
        const printed: string[] = [];
        const output = { out: (text: string) => printed.push(text), err: (text: string) => printed.push(text) };
        const code = await runPlanCommand(["--stack", "vault", "--out", join(root, "cli-out")], { projectRoot: root, output });
        assert.equal(code, 0);
        assert.ok(!printed.join("\n").includes(CIPHERTEXT.slice(3)));
        assert.match(printed.join("\n"), /secret config key 'dataApiToken' is not set \(used by apps\[1\]\.secretEnv\.DATA_API_TOKEN\)/);
    });

    it("refuses to write a file that would contain a secret value, naming the key", async () => {
        // A secret whose value also appears in plain inputs (the image) stands in for a secret that lost its marker.
        const outDir = join(root, "leak-out");
        const extraConfig = { "platform:externalIntegrationKey": "ghcr.io/stefanprodan/podinfo" };
        await assert.rejects(
            runPlan({ projectRoot: root, stack: "vault", outDir, extraConfig, extraSecretKeys: Object.keys(extraConfig) }),
            (error: PlanError) => {
                assert.equal(error.exitCode, 3);
                assert.match(error.message, /^resources\.json would contain the value of secret config platform:externalIntegrationKey; nothing was written/);
                return true;
            },
        );
        assert.equal(existsSync(outDir), false);
    });

    it("checks each string inside a secret object or list, named by its path", () => {
        const config = { "p:apps": JSON.stringify([{ name: "web", env: { TOKEN: "nested-token-1234" } }]), "p:plain": "nested-token-1234" };
        const secrets = secretConfigValues(config, ["p:apps"]);
        assert.deepEqual(leakedSecretKeys(`env: TOKEN: nested-token-1234`, secrets), ["p:apps[0].env.TOKEN"]);
    });

    it("finds secret values verbatim or JSON-escaped, ignoring placeholders and short values", () => {
        const secrets = { "p:a": "line1\nline2-long", "p:b": "[secret]", "p:c": "short", "p:d": "absent-value" };
        assert.deepEqual(leakedSecretKeys(JSON.stringify({ v: "line1\nline2-long [secret] short" }), secrets), ["p:a"]);
    });
});
