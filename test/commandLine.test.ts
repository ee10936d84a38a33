// Every tool behind an npm script (and the restore drill) answers --help with its usage and
// exit code 0, and a wrong option with the usage and exit code 2, never with a stack trace.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { PROJECT_ROOT } from "./harness/evaluateStack";

const scripts = (JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
const tools = [
    ...Object.entries(scripts).flatMap(([script, command]) => {
        const entry = /tools\/[\w/.-]+\.ts/.exec(command)?.[0];
        return entry ? [{ script, entry }] : [];
    }),
    { script: "(restore drill)", entry: "tools/restoreDrill.ts" },
];

function runTool(entry: string, args: string[]) {
    // An unreachable cluster: a tool that reads one must fail with a message, not a trace.
    const env = { ...process.env, KUBECONFIG: join(PROJECT_ROOT, "no-such-kubeconfig.yaml") };
    return spawnSync(process.execPath, ["--require", "./tools/typescript-loader.cjs", entry, ...args], {
        cwd: PROJECT_ROOT,
        encoding: "utf8",
        env,
        timeout: 60_000,
    });
}

describe("command-line tools", () => {
    it("covers every npm script that runs a tool", () => {
        assert.ok(tools.length >= 7, JSON.stringify(tools));
    });

    for (const { script, entry } of tools) {
        it(`${script} (${entry}): --help prints the usage and exits 0`, () => {
            const result = runTool(entry, ["--help"]);
            assert.equal(result.status, 0, result.stderr);
            assert.match(result.stdout, /usage|--stack/i);
            assert.equal(result.stderr, "");
        });
    }

    for (const { script, entry } of tools.filter(({ entry }) => entry !== "tools/newDevStack.ts")) {
        it(`${script} (${entry}): an unknown option prints the usage and exits 2, without a stack trace`, () => {
            const result = runTool(entry, ["--no-such-option"]);
            assert.equal(result.status, 2, result.stderr);
            assert.doesNotMatch(result.stderr, /^\s+at /m);
        });
    }

    it("the restore drill's --dry-run without a reachable cluster says what failed, exit 1, no stack trace", () => {
        const result = runTool("tools/restoreDrill.ts", ["--dry-run"]);
        assert.equal(result.status, 1, result.stderr);
        assert.match(result.stderr, /^restore drill: kubectl get backups\.velero\.io .* failed/m);
        assert.doesNotMatch(result.stderr, /^\s+at /m);
    });
});
