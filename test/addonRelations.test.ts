// What one add-on needs of another without a capability: a declared "must be active"
// relation that the plan checks (no ordering edge), and no side door into another add-on's
// section (no cast of the settings anywhere in components/).
import * as assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as v from "valibot";

import { ADDONS as REGISTERED } from "../components/addons";
import { defineAddon, type AnyAddon } from "../components/addons/contract";
import { planAddons } from "../components/addons/plan";
import type { DeployedWorkloads } from "../components/workloads/deployed";
import { evaluateProgram } from "../offline/evaluate";
import { runPlatformProgram } from "../program";
import { object, withDefault } from "../stacks/schema/base";
import type { CoreSettings } from "../stacks/schema/core";
import { PROJECT_ROOT, stackInput } from "./harness/evaluateStack";

const schema = object({ enabled: withDefault(v.boolean(), true) });
const base = { schema, enabled: (section: { enabled: boolean }) => section.enabled, charts: [], provides: [], deploy: () => ({ capabilities: {} }) };
const issuer = defineAddon({ ...base, name: "issuer", configKey: "issuer", runsOn: ["kind", "eks"] });
const front = defineAddon({
    ...base,
    name: "front",
    configKey: "front",
    runsOn: ["kind", "eks", "existing"],
    mustBeActive: [{ configKey: "issuer", because: "it serves the issuer's certificate" }],
});
const ADDONS: readonly AnyAddon[] = [front, issuer];

const settings = (type: string) => ({ cluster: { type } }) as unknown as CoreSettings;
const sections = (issuerOn: boolean) => ({ front: { enabled: true }, issuer: { enabled: issuerOn } });

describe("add-on relations", () => {
    it("refuse an add-on whose must-be-active add-on is off, at that add-on's enabled key", () => {
        const { problems } = planAddons(ADDONS, settings("kind"), sections(false));
        assert.deepEqual(
            problems.map(({ addon, path, message }) => ({ addon: addon.name, path, message })),
            [{ addon: "front", path: ["issuer", "enabled"], message: "must be true while front.enabled is: it serves the issuer's certificate" }],
        );
    });

    it("say that it cannot be turned on where it does not run", () => {
        const { problems } = planAddons(ADDONS, settings("existing"), sections(true));
        assert.equal(problems.length, 1);
        assert.equal(problems[0].path, undefined);
        assert.match(problems[0].message, /needs add-on 'issuer', which does not run on existing clusters/);
    });

    it("add no ordering edge: the needing add-on keeps its place before the one it needs", () => {
        const { order, problems } = planAddons(ADDONS, settings("kind"), sections(true));
        assert.deepEqual(problems, []);
        assert.deepEqual(
            order.map((addon) => addon.name),
            ["front", "issuer"],
        );
    });

    it("leave no `as unknown as` cast in components/", () => {
        const files = (dir: string): string[] =>
            readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
                entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
            );
        const casts = files(join(PROJECT_ROOT, "components")).filter((file) => readFileSync(file, "utf8").includes("as unknown as"));
        assert.deepEqual(casts, []);
    });
});

describe("the workloads an update deploys", function () {
    this.timeout(120_000);

    it("are computed once and handed to every add-on, without the held-back apps and the health checks that probe them", async () => {
        const seen = new Map<string, DeployedWorkloads>();
        const spied = REGISTERED.map((addon: AnyAddon) => ({
            ...addon,
            deploy: (context: Parameters<AnyAddon["deploy"]>[0]) => {
                seen.set(addon.name, context.deployed);
                return addon.deploy(context);
            },
        }));
        // A first run: no image of backend-api or data-api is pushed yet.
        await evaluateProgram({
            ...stackInput("prod", {}, { ecrImages: { "prod/data-api": ["1.0.0"] } }),
            program: (rootOptions) => runPlatformProgram({ rootOptions, addons: spied }),
        });
        const handed = new Set(seen.values());
        assert.equal(handed.size, 1, "one object for every add-on");
        const [deployed] = handed;
        assert.deepEqual(
            deployed.apps.map((app) => app.name),
            ["data-api"],
        );
        assert.deepEqual(
            deployed.jobs.map((job) => job.name),
            [],
        );
        assert.ok(seen.has("keda") && seen.has("monitoring") && seen.has("gateway"));
    });
});
