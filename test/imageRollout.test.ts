import * as assert from "node:assert/strict";

import { imageRollout } from "../components/addons/ecr/imageRollout";
import { evaluateProgram } from "../offline/evaluate";
import { readStackFile } from "../offline/stackFile";
import { runPlatformProgram } from "../program";
import { parseConfigValue } from "../stacks/load";
import { parseStackConfig } from "../stacks/parse";
import { evaluateStackFile, PROJECT_ROOT, Resources, stackInput } from "./harness/evaluateStack";
import { T } from "./harness/resourceTypes";

// prod reads EXTERNAL_INTEGRATION_KEY from Secrets Manager: no secret config.
const SECRETS = {};
const REGISTRY = "123456789012.dkr.ecr.us-east-1.amazonaws.com";

/** The apps of Pulumi.prod.yaml, parsed. */
function prodApps() {
    const file = readStackFile(PROJECT_ROOT, "prod");
    const values = Object.fromEntries(
        Object.entries(file.config)
            .filter(([key]) => key.startsWith("platform:"))
            .map(([key, text]) => [key.slice(9), parseConfigValue(text)]),
    );
    return parseStackConfig({ stack: "prod", values, awsRegion: file.config["aws:region"] }, { allowMissingSecrets: true }).settings.apps;
}

describe("image rollout (pure)", () => {
    it("holds back an app whose repository is missing or empty, with the reference to push", () => {
        const rollout = imageRollout(prodApps(), "prod", new Map([["prod/data-api", new Set<string>()]]));
        assert.deepEqual(
            [...rollout.heldBack],
            [
                ["backend-api", ":1.0.0"],
                ["data-api", ":1.0.0"],
            ],
        );
        assert.deepEqual(rollout.missing, []);
    });

    it("rolls out an app whose tag is in its repository", () => {
        const rollout = imageRollout(prodApps(), "prod", new Map([["prod/backend-api", new Set(["1.0.0", "0.9.0"])]]));
        assert.deepEqual([...rollout.heldBack.keys()], ["data-api"]);
    });

    it("stops on a tag its repository does not hold, naming the key", () => {
        const rollout = imageRollout(
            prodApps(),
            "prod",
            new Map([
                ["prod/backend-api", new Set(["0.9.0"])],
                ["prod/data-api", new Set(["1.0.0"])],
            ]),
        );
        assert.equal(rollout.missing.length, 1);
        assert.equal(rollout.missing[0].key, "apps[0].imageTag");
        assert.match(rollout.missing[0].message, /'1\.0\.0' is not in the ECR repository prod\/backend-api \(in app 'backend-api'\)/);
    });

    it("checks a digest against the repository's digests, and leaves full image references alone", () => {
        const [backend] = prodApps();
        const digest = `sha256:${"a".repeat(64)}`;
        const byDigest = { ...backend, imageTag: undefined, imageDigest: digest };
        assert.deepEqual(imageRollout([byDigest], "prod", new Map([["prod/backend-api", new Set([digest])]])).heldBack.size, 0);
        assert.deepEqual([...imageRollout([byDigest], "prod", new Map()).heldBack], [["backend-api", `@${digest}`]]);
        assert.equal(imageRollout([{ ...backend, imageTag: undefined, image: "ghcr.io/acme/api:1.0.0" }], "prod", new Map()).heldBack.size, 0);
    });
});

describe("the first and second `pulumi up` of prod", () => {
    let first: Resources;
    let second: Resources;
    before(async () => {
        first = await evaluateStackFile("prod", SECRETS, { ecrImages: {} });
        second = await evaluateStackFile("prod", SECRETS, { ecrImages: { "prod/backend-api": ["1.0.0"], "prod/data-api": ["1.0.0"] } });
    });

    it("first run: creates the repositories but no workload that would pull a missing image", () => {
        assert.deepEqual(
            first.ofType(T.repository).map((r) => r.name),
            ["registry-backend-api", "registry-data-api"],
        );
        for (const type of [T.deployment, T.service, T.hpa, T.scaledObject, T.cronJob]) {
            assert.deepEqual(
                first.ofType(type).map((r) => r.name),
                [],
                type,
            );
        }
        // The add-ons' own alerts (Karpenter, KEDA) stay; the apps' go with the apps.
        assert.deepEqual(
            first
                .ofType(T.prometheusRule)
                .map((r) => r.name)
                .filter((name) => name.startsWith("app-monitoring")),
            [],
        );
    });

    it("first run: says what to push in the stack output pendingImages", async () => {
        const pending = first.outputs.pendingImages as Record<string, any>;
        assert.deepEqual(Object.keys(pending), ["backend-api", "data-api"]);
        assert.equal(await pending["backend-api"].promise(), `${REGISTRY}/prod/backend-api:1.0.0`);
    });

    it("second run, after the push: rolls out every app and the health check, with nothing pending", () => {
        assert.deepEqual(
            second.ofType(T.deployment).map((r) => r.name),
            ["backend-api", "data-api"],
        );
        assert.deepEqual(
            second.ofType(T.cronJob).map((r) => r.name),
            ["health-check"],
        );
        assert.equal(second.outputs.pendingImages, undefined);
    });

    it("warns about each held-back app and job, with the command for the next run", async () => {
        const warnings: string[] = [];
        await evaluateProgram({
            ...stackInput("prod", SECRETS, { ecrImages: {} }),
            program: (rootOptions) => runPlatformProgram({ rootOptions, onWarning: (message) => warnings.push(message) }),
        });
        assert.ok(
            warnings.some((w) => /app 'backend-api' is held back: .*Push <repository>:1\.0\.0 .*pulumi up -s prod again/.test(w)),
            warnings.join("\n"),
        );
        assert.ok(
            warnings.some((w) => /job 'health-check' is held back with the apps it checks \(backend-api, data-api\)/.test(w)),
            warnings.join("\n"),
        );
    });

    it("stops before registering anything when a repository with images lacks the configured tag", async () => {
        let failure: unknown;
        const evaluation = await evaluateProgram({
            ...stackInput("prod", SECRETS, { ecrImages: { "prod/backend-api": ["0.9.0"], "prod/data-api": ["1.0.0"] } }),
            program: async (rootOptions) => {
                try {
                    return await runPlatformProgram({ rootOptions });
                } catch (error) {
                    failure = error;
                    return {};
                }
            },
        });
        assert.match(String(failure), /apps\[0\]\.imageTag: '1\.0\.0' is not in the ECR repository prod\/backend-api/);
        assert.deepEqual(evaluation.resources, []);
    });
});
