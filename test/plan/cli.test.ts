import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import { runPlanCommand, type CliContext } from "../../offline/plan/cli";
import type { ProgramOptions } from "../../program";
import { PROJECT_ROOT } from "../harness/evaluateStack";
import { NODE_ARGS } from "../harness/source";

const BROKEN_STACK = `config:
  platform:environment: Dev Env
  platform:cluster: { type: existing, context: kind-test }
  platform:apps:
    - name: web
      image: nginx:latest
  platform:jobs:
    - name: report
      image: busybox:1.36
      schedule: every five minutes
`;

interface Run {
    code: number;
    out: string;
    err: string;
}

async function plan(args: string[], context: Partial<CliContext> = {}): Promise<Run> {
    const out: string[] = [];
    const err: string[] = [];
    const output = { out: (text: string) => out.push(text), err: (text: string) => err.push(text) };
    const code = await runPlanCommand(args, { projectRoot: PROJECT_ROOT, output, ...context });
    return { code, out: out.join("\n"), err: err.join("\n") };
}

const hasStackTrace = (text: string) => /\n\s+at .+:\d+:\d+/.test(text);

describe("plan command", () => {
    let root: string;
    let outDir: string;
    before(() => {
        root = mkdtempSync(join(tmpdir(), "plan-cli-"));
        copyFileSync(join(PROJECT_ROOT, "Pulumi.yaml"), join(root, "Pulumi.yaml"));
        writeFileSync(join(root, "Pulumi.broken.yaml"), BROKEN_STACK);
        outDir = join(root, "out");
    });
    after(() => rmSync(root, { recursive: true, force: true }));

    it("prints the help and exits 0", async () => {
        const run = await plan(["--help"]);
        assert.equal(run.code, 0);
        assert.match(run.out, /^Offline plan: /);
    });

    it("exits 2 on a usage error, with the message and the help", async () => {
        const run = await plan(["--out", outDir]);
        assert.equal(run.code, 2);
        assert.match(run.err, /^plan: --stack <name> is required/);
        assert.match(run.err, /Usage:/);
    });

    it("exits 2 on invalid config, listing every key path without a stack trace", async () => {
        const run = await plan(["--stack", "broken", "--out", outDir], { projectRoot: root });
        assert.equal(run.code, 2);
        assert.match(run.err, /^plan: Invalid config for stack 'broken' \(4 problems\):/);
        for (const key of ["environment", "apps[0].image", "apps[0].containerPort", "jobs[0].schedule"]) {
            assert.ok(run.err.includes(`  - ${key}: `), `${key} missing from:\n${run.err}`);
        }
        assert.equal(hasStackTrace(run.err), false, run.err);
    });

    it("exits 1 when the plan has violations, after printing them", async () => {
        const program = (options: ProgramOptions) => {
            const root = new pulumi.ComponentResource("test:index:Root", "root", {}, options.rootOptions);
            new k8s.core.v1.ConfigMap("settings", { metadata: { name: "settings" }, data: { A: "1" } }, { parent: root });
            return {};
        };
        const run = await plan(["--stack", "dev", "--out", outDir], { program });
        assert.equal(run.code, 1);
        assert.match(run.out, /\[workload-labels\] ConfigMap\/settings: metadata\.labels must include 'app' and 'env'/);
    });

    it("exits 3 with the stack trace when the program itself fails", async () => {
        const program = (): Record<string, unknown> => {
            throw new TypeError("cannot read properties of undefined");
        };
        const run = await plan(["--stack", "dev", "--out", outDir], { program });
        assert.equal(run.code, 3);
        assert.match(run.err, /^plan: the program failed under evaluation: cannot read properties of undefined/);
        assert.ok(hasStackTrace(run.err), run.err);
    });

    it("runs as tools/plan.ts from the source: help, and an unknown stack", () => {
        const entry = join(PROJECT_ROOT, "tools", "plan.ts");
        const help = spawnSync(process.execPath, [...NODE_ARGS, entry, "--help"], { cwd: PROJECT_ROOT, encoding: "utf8" });
        assert.equal(help.status, 0);
        assert.match(help.stdout, /npm run plan -- --stack <name>/);
        const unknown = spawnSync(process.execPath, [...NODE_ARGS, entry, "--stack", "nope", "--out", outDir], { cwd: PROJECT_ROOT, encoding: "utf8" });
        assert.equal(unknown.status, 2);
        assert.match(unknown.stderr, /^plan: unknown stack 'nope': there is no Pulumi\.nope\.yaml in .*; stacks: dev/);
    });
});
