// Benchmark: the offline plan as users run it, against the plan engine alone, per added app
// and against the peer (AWS CDK EKS Blueprints), and the start-up of the program; each case
// measured in fresh processes (median of several runs, after one unmeasured warm-up).
//   npm run bench [-- --runs 5] [--report-only] [--record]
// Exits 1 when a target is missed or could not be measured (0 with --report-only). Results go
// to bench/latest.json (untracked); --record writes bench/results.json, which is committed.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildSync } from "esbuild";

import { SHORTCUTS_VARIABLE } from "../../offline/shortcuts";
import { parseCommandLine } from "../commandLine";
import { MODULE_LOADING_VARIABLE } from "./moduleLoadingSwitch";
import { PEER_APP, PEER_PACKAGES, peerModules } from "./peer";
import { exitCode, EXTRA_APPS, figures, formatFigure, type CaseResult } from "./targets";

const PROJECT_ROOT = resolve(__dirname, "../..");
const USAGE = `usage: npm run bench -- [--runs <n>] [--report-only] [--record]
  --runs <n>       fresh processes per case, the median is reported (5)
  --report-only    exit 0 even when a target is missed
  --record         also write bench/results.json (committed)`;
const CACHE = join(PROJECT_ROOT, "node_modules/.cache");
const LOADER = ["--require", join(PROJECT_ROOT, "tools/typescript-loader.cjs")];
const PRECOMPILED = join(CACHE, "bench-precompiled");

interface Case {
    key: string;
    /** Cases of one group are measured together (see measureTogether). */
    group: string;
    label: string;
    command: string;
    args: string[];
    /** Seconds a run takes here (2 cores), for the expected duration. */
    expectedSeconds: number;
    /** Fewer runs for the slow, stable cases. */
    maxRuns?: number;
    before?: () => void;
    /** Environment variables for the measured process. */
    env?: Record<string, string>;
}

/** The plan's shortcuts off: the SDK's own paths (offline/shortcuts.ts). */
const SDK_PATHS = { [SHORTCUTS_VARIABLE]: "off" };

function cases(outDir: string, peer: string | undefined): Case[] {
    const node = (group: string, key: string, label: string, args: string[], expectedSeconds: number, extra: Partial<Case> = {}): Case => ({
        group,
        key,
        label,
        command: process.execPath,
        args: [...LOADER, ...args],
        expectedSeconds,
        ...extra,
    });
    const plan = join(PROJECT_ROOT, "tools/plan.ts");
    const bench = (file: string) => join(__dirname, file);
    const peerCase = (key: string, label: string, apps: number, expectedSeconds: number, extra: Partial<Case> = {}): Case => ({
        group: "prod",
        key,
        label,
        command: process.execPath,
        args: [PEER_APP, peer!, join(outDir, "peer"), String(apps)],
        expectedSeconds,
        ...extra,
    });
    return [
        {
            group: "plan",
            key: "planNpm",
            label: "npm run plan (dev)",
            command: "npm",
            args: ["run", "-s", "plan", "--", "--stack", "dev", "--out", outDir],
            expectedSeconds: 1.2,
        },
        node("plan", "planEngine", "plan engine alone (dev)", [plan, "--stack", "dev", "--out", outDir], 0.9),
        node("apps", "apps0", "plan engine, dev", [bench("planApps.ts"), "dev", "0"], 0.9),
        node("apps", "appsExtra", `plan engine, dev + ${EXTRA_APPS} apps`, [bench("planApps.ts"), "dev", String(EXTRA_APPS)], 3),
        node("prod", "planProd", "plan engine alone (prod)", [plan, "--stack", "prod", "--out", outDir], 1),
        node("prod", "planDev", "plan engine alone (dev)", [plan, "--stack", "dev", "--out", outDir], 0.7),
        node("prod", "prodLoading", "plan engine (prod), module loading timed", [bench("planApps.ts"), "prod", "0"], 1, {
            env: { [MODULE_LOADING_VARIABLE]: "1" },
        }),
        ...(peer
            ? [
                  peerCase("peer", "peer: Blueprints synth (2 apps)", 2, 1),
                  peerCase("peerExtra", `peer: Blueprints synth (2 + ${EXTRA_APPS} apps)`, 2 + EXTRA_APPS, 1.5, { maxRuns: 3 }),
              ]
            : []),
        node("runtime", "runtime0", "Pulumi runtime, 0 ConfigMaps", [bench("runtime.ts"), "0"], 0.6),
        node("runtime", "runtime500", "Pulumi runtime, 500 ConfigMaps", [bench("runtime.ts"), "500"], 0.9),
        // The SDK's own cost: the same programs with the plan's shortcuts off.
        node("runtime", "runtimeSdk0", "Pulumi runtime, 0 ConfigMaps, shortcuts off", [bench("runtime.ts"), "0"], 0.6, { env: SDK_PATHS }),
        node("runtime", "runtimeSdk500", "Pulumi runtime, 500 ConfigMaps, shortcuts off", [bench("runtime.ts"), "500"], 1.4, { env: SDK_PATHS }),
        node("startup", "startup:loader", "start-up: loader", [bench("startup.ts"), "loader", PRECOMPILED], 0.8),
        node("startup", "startup:precompiled", "start-up: precompiled", [bench("startup.ts"), "precompiled", PRECOMPILED], 0.8),
        // Last, and alone: it empties the loader's cache before each run.
        node("cold", "startup:loader-cold", "start-up: loader, empty cache", [bench("startup.ts"), "loader-cold", PRECOMPILED], 1.2, {
            maxRuns: 3,
            before: () => rmSync(join(CACHE, "typescript-loader"), { recursive: true, force: true }),
        }),
    ];
}

/** The cases grouped as listed, each group measured together. */
function groupsOf(list: Case[]): Case[][] {
    const groups = new Map<string, Case[]>();
    list.forEach((entry) => groups.set(entry.group, [...(groups.get(entry.group) ?? []), entry]));
    return [...groups.values()];
}

/** Runs the case once in a fresh process, timed from spawn to exit. */
function runOnce(entry: Case): { ms: number; maxRssKiB?: number; resources?: number; moduleLoadingMs?: number } {
    entry.before?.();
    const start = process.hrtime.bigint();
    const result = spawnSync(entry.command, entry.args, { cwd: PROJECT_ROOT, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "", ...entry.env } });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) {
        throw new Error(`${entry.label} failed:\n${result.stderr}${result.stdout}`);
    }
    const report = result.stdout.trim().split("\n").pop() ?? "";
    return report.startsWith("{") ? { ms, ...JSON.parse(report) } : { ms };
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const round = (value: number) => Math.round(value * 10) / 10;
const runsOf = (entry: Case, runs: number) => Math.min(runs, entry.maxRuns ?? runs);

function summarize(samples: ReturnType<typeof runOnce>[]): CaseResult {
    const peak = Math.max(...samples.map((sample) => sample.maxRssKiB ?? 0));
    const loading = samples.flatMap((sample) => (sample.moduleLoadingMs !== undefined ? [sample.moduleLoadingMs] : []));
    return {
        medianMs: round(median(samples.map((sample) => sample.ms))),
        runs: samples.map((sample) => round(sample.ms)),
        ...(peak > 0 ? { peakRssMiB: round(peak / 1024) } : {}),
        ...(samples[0].resources !== undefined ? { resources: samples[0].resources } : {}),
        ...(loading.length > 0 ? { moduleLoadingMs: round(median(loading)) } : {}),
    };
}

/**
 * Measures the cases of one target together, their runs interleaved (a b a b ...), so that
 * whatever else the machine does weighs on both sides of the ratio alike.
 */
function measureTogether(entries: Case[], runs: number): CaseResult[] {
    entries.forEach((entry) => runOnce(entry)); // warm-up: file cache, the loader's and V8's code caches
    const samples = entries.map(() => [] as ReturnType<typeof runOnce>[]);
    for (let run = 0; run < Math.max(...entries.map((entry) => runsOf(entry, runs))); run++) {
        entries.forEach((entry, index) => run < runsOf(entry, runs) && samples[index].push(runOnce(entry)));
    }
    return samples.map(summarize);
}

function main(): number {
    const line = parseCommandLine(
        process.argv.slice(2),
        { runs: { type: "string", default: "5" }, "report-only": { type: "boolean", default: false }, record: { type: "boolean", default: false } },
        USAGE,
    );
    if ("exit" in line) {
        return line.exit;
    }
    const { values } = line;
    const runs = Number(values.runs);
    if (!Number.isInteger(runs) || runs < 1 || line.positionals.length > 0) {
        console.error(USAGE);
        return 2;
    }
    const outDir = mkdtempSync(join(tmpdir(), "bench-"));
    const peer = peerModules(join(CACHE, "bench-peer"), (text) => console.log(text));
    const list = cases(outDir, peer);
    const seconds = list.reduce((sum, entry) => sum + entry.expectedSeconds * (1 + runsOf(entry, runs)), 0);
    console.log(
        `Benchmark: ${list.length} cases, median of up to ${runs} fresh processes each (node ${process.version}, ${cpus().length} cores); about ${Math.ceil(seconds / 60)} minute(s).`,
    );
    precompile(PRECOMPILED);
    const results: Record<string, CaseResult> = {};
    try {
        groupsOf(list).forEach((group, index, groups) => {
            console.log(`  [${index + 1}/${groups.length}] ${group.map((entry) => entry.label).join(" | ")}`);
            measureTogether(group, runs).forEach((result, position) => {
                results[group[position].key] = result;
                const { medianMs, peakRssMiB, resources } = result;
                console.log(
                    `        ${group[position].label.padEnd(40)}${String(medianMs).padStart(8)} ms${peakRssMiB ? `  ${peakRssMiB} MiB` : ""}${resources !== undefined ? `  ${resources} resources` : ""}`,
                );
            });
        });
    } finally {
        rmSync(PRECOMPILED, { recursive: true, force: true });
        rmSync(outDir, { recursive: true, force: true });
    }
    const computed = figures(results);
    console.log("\nTargets and the figures behind them:");
    computed.forEach((result) => console.log(formatFigure(result)));
    const file = resolve(PROJECT_ROOT, values.record ? "bench/results.json" : "bench/latest.json");
    mkdirSync(resolve(file, ".."), { recursive: true });
    const peerNote = peer ? PEER_PACKAGES.join(", ") : "not installed";
    writeFileSync(
        file,
        JSON.stringify(
            { date: new Date().toISOString(), node: process.version, cores: cpus().length, runs, peer: peerNote, cases: results, figures: computed },
            null,
            2,
        ) + "\n",
    );
    console.log(`\nWritten to ${file.replace(`${PROJECT_ROOT}/`, "")}${values.record ? "" : " (untracked; --record writes bench/results.json)"}`);
    return exitCode(computed, values["report-only"]!);
}

/** The project as a build step would leave it: every source file transpiled to plain JavaScript, beside the data files it reads. */
function precompile(outDir: string): void {
    const files = ["components", "offline", "policy", "stacks"].flatMap((dir) =>
        readdirSync(join(PROJECT_ROOT, dir), { recursive: true, encoding: "utf8" }).map((file) => join(dir, file)),
    );
    const sources = ["index.ts", "program.ts", ...files.filter((file) => file.endsWith(".ts"))];
    rmSync(outDir, { recursive: true, force: true });
    buildSync({
        entryPoints: sources.map((file) => resolve(PROJECT_ROOT, file)),
        outbase: PROJECT_ROOT,
        outdir: outDir,
        format: "cjs",
        platform: "node",
        target: "node22",
        logLevel: "error",
    });
    for (const file of files.filter((name) => /\.(json|yaml)$/.test(name))) {
        cpSync(join(PROJECT_ROOT, file), join(outDir, file));
    }
}

if (require.main === module) {
    process.exitCode = main();
}
