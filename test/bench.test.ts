// The benchmark's verdicts and its synthetic stack (npm run bench measures; this checks the arithmetic).
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

import { readStackFile } from "../offline/stackFile";
import { appsWithClones } from "../tools/bench/syntheticStack";
import { exitCode, figures, formatFigure, type CaseResult } from "../tools/bench/targets";
import { PROJECT_ROOT } from "./harness/evaluateStack";
import { scratchDir } from "./harness/scratchDir";

const at = (medianMs: number, resources?: number): CaseResult => ({ medianMs, runs: [medianMs], ...(resources !== undefined ? { resources } : {}) });

const MEASURED = {
    planNpm: at(1200),
    planEngine: at(900),
    apps0: at(900, 82),
    appsExtra: at(2500, 2082),
    planProd: at(850),
    planDev: at(700),
    peer: at(830),
    peerExtra: at(1130),
    "startup:loader": at(800),
    "startup:precompiled": at(780),
    runtime0: at(600),
    runtime500: at(850),
    runtimeSdk0: at(600),
    runtimeSdk500: at(1600),
    prodLoading: { ...at(900), moduleLoadingMs: 450 },
};

describe("npm run bench", () => {
    it("states each target as measured: npm run plan over the engine, ms per added app, prod plan over the peer, loader over precompiled", () => {
        const byName = new Map(figures(MEASURED).map((figure) => [figure.name, figure]));
        assert.deepEqual(byName.get("npm run plan / plan engine alone (dev)"), {
            name: "npm run plan / plan engine alone (dev)",
            value: 1.33,
            unit: "x",
            target: "<= 1.5",
            met: true,
        });
        assert.deepEqual([byName.get("ms per added app (dev, +200 apps)")!.value, byName.get("ms per added app (dev, +200 apps)")!.met], [8, false]);
        assert.deepEqual([byName.get("prod plan / CDK EKS Blueprints synth")!.value, byName.get("prod plan / CDK EKS Blueprints synth")!.met], [1.02, false]);
        assert.equal(byName.get("start-up: loader / precompiled")!.met, true);
        assert.equal(byName.get("peer: ms per added app (+200 apps)")!.value, 1.5);
        assert.equal(byName.get("resources per added app")!.value, 10);
        assert.deepEqual(
            [byName.get("module loading, share of the prod plan")!.value, byName.get("module loading, share of the prod plan")!.target],
            [50, undefined],
        );
        assert.equal(byName.get("Pulumi runtime ms per resource (mocks)")!.value, 2, "the SDK's own paths");
        assert.equal(byName.get("SDK floor per added app (its resources as ConfigMaps)")!.value, 20, "10 resources at 2 ms");
        assert.equal(byName.get("Pulumi runtime ms per resource, plan's shortcuts")!.value, 0.5);
        assert.equal(byName.get("floor with the plan's shortcuts (the same ConfigMaps)")!.value, 5, "10 resources at 0.5 ms");
        assert.deepEqual(
            [byName.get("dev plan / CDK EKS Blueprints synth")!.value, byName.get("dev plan / CDK EKS Blueprints synth")!.target],
            [0.84, "<= 0.8"],
        );
        assert.equal(byName.get("dev plan / CDK EKS Blueprints synth")!.met, false);
    });

    it("exits 1 when a target is missed or not measured, 0 when all are met or only reporting", () => {
        assert.equal(exitCode(figures(MEASURED), false), 1);
        assert.equal(exitCode(figures(MEASURED), true), 0);
        const withoutPeer: Record<string, CaseResult> = { ...MEASURED, appsExtra: at(1100, 2082), planProd: at(800) };
        delete withoutPeer.peer;
        delete withoutPeer.peerExtra;
        const unmeasured = figures(withoutPeer);
        assert.equal(unmeasured.find((figure) => figure.name.startsWith("prod plan"))!.met, undefined);
        assert.match(formatFigure(unmeasured.find((figure) => figure.name.startsWith("prod plan"))!), /not measured {2}\[<= 0\.9\] NOT MEASURED$/);
        assert.equal(exitCode(unmeasured, false), 1);
        assert.equal(
            exitCode(figures({ ...MEASURED, appsExtra: at(1100, 2082), planProd: at(800), planDev: at(600) }), false),
            1,
            "prod at 0.96 of the peer misses <= 0.9",
        );
        assert.equal(exitCode(figures({ ...MEASURED, appsExtra: at(1100, 2082), planProd: at(740), planDev: at(600) }), false), 0);
    });

    it("adds clones of the first app to the stack's own apps, without its node port or route", () => {
        const file = readStackFile(PROJECT_ROOT, "dev");
        const own = JSON.parse(file.config["platform:apps"]);
        const apps = JSON.parse(appsWithClones(file, 3)["platform:apps"]);
        assert.deepEqual(apps.slice(0, own.length), own);
        assert.deepEqual(
            apps.slice(own.length).map((app: { name: string }) => app.name),
            ["extra-1", "extra-2", "extra-3"],
        );
        assert.ok(apps.slice(own.length).every((app: Record<string, unknown>) => app.nodePort === undefined && app.route === undefined));
    });

    it("times module loading: each outermost require whole, a nested one inside it once, nothing else", () => {
        // A clock the modules advance themselves, so the answer is exact rather than timed.
        const dir = scratchDir("module-loading");
        const spend = (ms: number) => `globalThis.clockMs += ${ms};`;
        writeFileSync(join(dir, "inner.js"), spend(200));
        writeFileSync(join(dir, "outer.js"), `${spend(100)}\nrequire("./inner.js");`);
        const script = `globalThis.clockMs = 0;
            performance.now = () => globalThis.clockMs;
            const { moduleLoadingMs } = require(${JSON.stringify(join(PROJECT_ROOT, "tools/bench/moduleLoading.ts"))});
            const before = moduleLoadingMs();
            require(${JSON.stringify(join(dir, "outer.js"))});
            ${spend(300)}
            console.log(moduleLoadingMs() - before);`;
        const loaded = Number(
            execFileSync(process.execPath, ["--require", "./tools/typescript-loader.cjs", "-e", script], { cwd: PROJECT_ROOT, encoding: "utf8" }),
        );
        // 300 inside the outer require; counting the inner one twice would give 500, the time outside 600.
        assert.equal(loaded, 300);
    });
});
