// Benchmark: start-up and scaling of the offline evaluation, each case measured in
// fresh processes (median of several runs), written to bench/results.json.
//   npm run bench [-- --runs 7]
import { spawnSync } from "node:child_process";
import { buildSync } from "esbuild";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const PROJECT_ROOT = resolve(__dirname, "../..");
const LOADER = ["--require", join(PROJECT_ROOT, "tools/typescript-loader.cjs")];
const LOADER_CACHE = join(PROJECT_ROOT, "node_modules/.cache/typescript-loader");
const PRECOMPILED = join(PROJECT_ROOT, "node_modules/.cache/bench-precompiled");
const FLOOR = join(__dirname, "floor.ts");
const EVALUATE = join(__dirname, "evaluate.ts");
const STARTUP = join(__dirname, "startup.ts");
const RUNTIME = join(__dirname, "runtime.ts");
const PLAN = join(__dirname, "../plan.ts");
const MOCHA = join(PROJECT_ROOT, "node_modules/mocha/bin/mocha.js");

interface Sample {
    ms: number;
    maxRssKiB?: number;
    resources?: number;
}

interface CaseResult {
    medianMs: number;
    peakRssMiB?: number;
    resources?: number;
    runs: number[];
}

/** Runs a TypeScript entry point (through the loader) in a fresh process and times it from spawn to exit. */
function timeProcess(args: string[], before?: () => void): Sample {
    before?.();
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [...LOADER, ...args], { cwd: PROJECT_ROOT, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) {
        throw new Error(`node ${args.join(" ")} failed:\n${result.stderr}`);
    }
    const report = result.stdout.trim().split("\n").pop() ?? "";
    return report.startsWith("{") ? { ms, ...JSON.parse(report) } : { ms };
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function measure(label: string, args: string[], runs: number, before?: () => void): CaseResult {
    timeProcess(args, before); // warm the file cache; not counted
    const samples = Array.from({ length: runs }, () => timeProcess(args, before));
    const result: CaseResult = {
        medianMs: round(median(samples.map((s) => s.ms))),
        runs: samples.map((s) => round(s.ms)),
        ...(samples[0].maxRssKiB ? { peakRssMiB: round(Math.max(...samples.map((s) => s.maxRssKiB ?? 0)) / 1024) } : {}),
        ...(samples[0].resources !== undefined ? { resources: samples[0].resources } : {}),
    };
    process.stdout.write(`  ${label.padEnd(22)} ${String(result.medianMs).padStart(7)} ms${result.peakRssMiB ? `  ${result.peakRssMiB} MiB` : ""}${result.resources !== undefined ? `  ${result.resources} resources` : ""}\n`);
    return result;
}

const round = (value: number) => Math.round(value * 10) / 10;
const ratio = (value: number, base: number) => Math.round((value / base) * 100) / 100;

function main(): void {
    const { values } = parseArgs({ options: { runs: { type: "string", default: "7" }, out: { type: "string", default: "bench/results.json" } } });
    const runs = Number(values.runs);
    console.log(`Benchmark: median of ${runs} fresh processes per case (node ${process.version}, ${cpus().length} cores)`);

    const cases: Record<string, CaseResult> = {
        floor: measure("floor", [FLOOR], runs),
        floorAws: measure("floor + AWS packages", [FLOOR, "--aws"], runs),
        dev: measure("stack dev", [EVALUATE, "dev"], runs),
        prod: measure("stack prod", [EVALUATE, "prod"], runs),
    };
    for (const count of [1, 50, 200]) {
        cases[`apps${count}`] = measure(`dev with ${count} apps`, [EVALUATE, "dev", String(count)], runs);
    }
    cases.runtime0 = measure("runtime, 0 ConfigMaps", [RUNTIME, "0"], runs);
    cases.runtime500 = measure("runtime, 500 ConfigMaps", [RUNTIME, "500"], runs);
    const out = mkdtempSync(join(tmpdir(), "bench-plan-"));
    cases.planDev = measure("offline plan dev", [PLAN, "--stack", "dev", "--out", out], runs);
    cases.planProd = measure("offline plan prod", [PLAN, "--stack", "prod", "--out", out], runs);
    rmSync(out, { recursive: true, force: true });
    cases.unitTests = measure("unit tests (mocha)", [MOCHA], Math.min(runs, 3));
    console.log("Start-up of the dev stack by runner (see README, Start-up):");
    precompile(PRECOMPILED);
    const emptyCache = () => rmSync(LOADER_CACHE, { recursive: true, force: true });
    for (const mode of ["loader", "loader-cold", "precompiled", "ts-node-transpile", "ts-node-typecheck"]) {
        cases[`startup:${mode}`] = measure(mode, [STARTUP, mode, PRECOMPILED], Math.min(runs, 3), mode === "loader-cold" ? emptyCache : undefined);
    }
    rmSync(PRECOMPILED, { recursive: true, force: true });

    const figures = summarize(cases);
    mkdirSync(resolve(PROJECT_ROOT, values.out!, ".."), { recursive: true });
    writeFileSync(resolve(PROJECT_ROOT, values.out!), JSON.stringify({ date: new Date().toISOString(), node: process.version, cores: cpus().length, runs, cases, figures }, null, 2) + "\n");
    console.log("\nFigures (target in brackets):");
    for (const [name, figure] of Object.entries(figures)) {
        console.log(`  ${name.padEnd(34)} ${String(figure.value).padStart(8)} ${figure.unit.padEnd(3)} [${figure.target}] ${figure.ok ? "ok" : "MISSED"}`);
    }
    console.log(`\nWritten to ${values.out}`);
}

interface Figure {
    value: number;
    unit: string;
    target: string;
    ok: boolean;
}

/** The figures the targets are stated in. */
export function summarize(cases: Record<string, CaseResult>): Record<string, Figure> {
    const floor = cases.floor.medianMs;
    const awsCost = cases.floorAws.medianMs - floor;
    const perApp = (from: number, to: number) => round((cases[`apps${to}`].medianMs - cases[`apps${from}`].medianMs) / (to - from));
    const resourcesPerApp = round(((cases.apps200.resources ?? 0) - (cases.apps1.resources ?? 0)) / 199);
    const runtimePerResource = Math.round(((cases.runtime500.medianMs - cases.runtime0.medianMs) / 500) * 100) / 100;
    const figures: Record<string, Figure> = {
        "dev / floor": { value: ratio(cases.dev.medianMs, floor), unit: "x", target: "<= 1.3", ok: cases.dev.medianMs <= 1.3 * floor },
        "prod / (floor + AWS load)": {
            value: ratio(cases.prod.medianMs - awsCost, floor),
            unit: "x",
            target: "<= 1.3",
            ok: cases.prod.medianMs <= 1.3 * floor + awsCost,
        },
        "ms per added app (1 -> 50)": { value: perApp(1, 50), unit: "ms", target: "<= 5", ok: perApp(1, 50) <= 5 },
        "ms per added app (1 -> 200)": { value: perApp(1, 200), unit: "ms", target: "<= 5", ok: perApp(1, 200) <= 5 },
        "resources per added app": { value: resourcesPerApp, unit: "", target: "-", ok: true },
        "runtime ms per resource (mocks)": { value: runtimePerResource, unit: "ms", target: "-", ok: true },
        "ms per app / runtime cost of its resources": {
            value: ratio(perApp(1, 200), resourcesPerApp * runtimePerResource),
            unit: "x",
            target: "-",
            ok: true,
        },
        "unit test suite": { value: cases.unitTests.medianMs, unit: "ms", target: "<= 10000", ok: cases.unitTests.medianMs <= 10000 },
        "loader / precompiled (no build step)": {
            value: ratio(cases["startup:loader"].medianMs, cases["startup:precompiled"].medianMs),
            unit: "x",
            target: "<= 1.1",
            ok: cases["startup:loader"].medianMs <= 1.1 * cases["startup:precompiled"].medianMs,
        },
    };
    for (const stack of ["Dev", "Prod"]) {
        const plan = cases[`plan${stack}`];
        if (plan) {
            figures[`offline plan ${stack.toLowerCase()} (peer: 770 ms)`] = { value: plan.medianMs, unit: "ms", target: "< 770", ok: plan.medianMs < 770 };
        }
    }
    return figures;
}

/** The project as a build step would leave it: every source file transpiled to plain JavaScript beside node_modules. */
function precompile(outDir: string): void {
    const sources = ["index.ts", "program.ts", ...["components", "offline", "policy", "stacks"].flatMap((dir) => sourceFiles(join(PROJECT_ROOT, dir)))];
    rmSync(outDir, { recursive: true, force: true });
    buildSync({ entryPoints: sources.map((file) => resolve(PROJECT_ROOT, file)), outbase: PROJECT_ROOT, outdir: outDir, format: "cjs", platform: "node", target: "node20", logLevel: "error" });
}

function sourceFiles(dir: string): string[] {
    return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".ts")).map((file) => join(dir, file));
}

if (require.main === module) {
    main();
}
