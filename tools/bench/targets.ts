// The benchmark's targets, computed from the medians of its cases (pure, so it is tested).

export interface CaseResult {
    medianMs: number;
    runs: number[];
    peakRssMiB?: number;
    resources?: number;
    /** Median of the runs' time spent loading modules (only the case that measures it). */
    moduleLoadingMs?: number;
}

export interface Figure {
    name: string;
    value: number | undefined;
    unit: string;
    /** The target, e.g. "<= 1.5"; none for figures that explain the others. */
    target?: string;
    /** Whether the target is met; undefined when a case it needs was not measured. */
    met?: boolean;
}

const ratio = (value: number, base: number) => Math.round((value / base) * 100) / 100;
const round = (value: number) => Math.round(value * 10) / 10;

function figure(name: string, value: number | undefined, unit: string, limit?: number): Figure {
    return limit === undefined ? { name, value, unit } : { name, value, unit, target: `<= ${limit}`, met: value === undefined ? undefined : value <= limit };
}

/** ms per added app between two cases that differ by `apps` apps. */
function perApp(cases: Record<string, CaseResult>, from: string, to: string, apps: number): number | undefined {
    return cases[from] && cases[to] ? round((cases[to].medianMs - cases[from].medianMs) / apps) : undefined;
}

function ratioOf(cases: Record<string, CaseResult>, name: string, base: string): number | undefined {
    return cases[name] && cases[base] ? ratio(cases[name].medianMs, cases[base].medianMs) : undefined;
}

export const EXTRA_APPS = 200;

/** The share of a run spent loading modules, in percent of the median run. */
function loadingShare(result: CaseResult | undefined): number | undefined {
    return result?.moduleLoadingMs !== undefined ? Math.round((result.moduleLoadingMs / result.medianMs) * 100) : undefined;
}

/** The plan's targets, the start-up target, and the figures that explain them. */
export function figures(cases: Record<string, CaseResult>): Figure[] {
    const resourcesPerApp =
        cases.appsExtra?.resources !== undefined && cases.apps0?.resources !== undefined
            ? round((cases.appsExtra.resources - cases.apps0.resources) / EXTRA_APPS)
            : undefined;
    const perResource = (zero: string, many: string) =>
        cases[zero] && cases[many] ? Math.round(((cases[many].medianMs - cases[zero].medianMs) / 500) * 100) / 100 : undefined;
    const floorOf = (perResourceMs: number | undefined) =>
        resourcesPerApp !== undefined && perResourceMs !== undefined ? round(resourcesPerApp * perResourceMs) : undefined;
    // What an app's resources cost as plain ConfigMaps registered by the same harness: through the SDK's own paths, and with the plan's shortcuts.
    const sdkPerResource = perResource("runtimeSdk0", "runtimeSdk500");
    const runtimePerResource = perResource("runtime0", "runtime500");
    return [
        figure("npm run plan / plan engine alone (dev)", ratioOf(cases, "planNpm", "planEngine"), "x", 1.5),
        figure(`ms per added app (dev, +${EXTRA_APPS} apps)`, perApp(cases, "apps0", "appsExtra", EXTRA_APPS), "ms", 5),
        figure("SDK floor per added app (its resources as ConfigMaps)", floorOf(sdkPerResource), "ms"),
        figure("floor with the plan's shortcuts (the same ConfigMaps)", floorOf(runtimePerResource), "ms"),
        figure("prod plan / CDK EKS Blueprints synth", ratioOf(cases, "planProd", "peer"), "x", 0.9),
        figure("dev plan / CDK EKS Blueprints synth", ratioOf(cases, "planDev", "peer"), "x", 0.8),
        figure("start-up: loader / precompiled", ratioOf(cases, "startup:loader", "startup:precompiled"), "x", 1.1),
        figure(`peer: ms per added app (+${EXTRA_APPS} apps)`, perApp(cases, "peer", "peerExtra", EXTRA_APPS), "ms"),
        figure("resources per added app", resourcesPerApp, ""),
        figure("module loading, share of the prod plan", loadingShare(cases.prodLoading), "%"),
        figure("Pulumi runtime ms per resource (mocks)", sdkPerResource, "ms"),
        figure("Pulumi runtime ms per resource, plan's shortcuts", runtimePerResource, "ms"),
    ];
}

/** 0 when every target is met; 1 when one is missed or could not be measured, unless only reporting. */
export function exitCode(results: readonly Figure[], reportOnly: boolean): number {
    return reportOnly || results.every((result) => result.target === undefined || result.met === true) ? 0 : 1;
}

/** A line of the console table. */
export function formatFigure(result: Figure): string {
    const value = result.value === undefined ? "not measured" : `${result.value} ${result.unit}`.trim();
    const verdict = result.target === undefined ? "" : `  [${result.target}] ${result.met === undefined ? "NOT MEASURED" : result.met ? "ok" : "MISSED"}`;
    return `  ${result.name.padEnd(44)} ${value.padStart(12)}${verdict}`;
}
