// Measures module loading only when PLATFORM_BENCH_MODULE_LOADING=1: the measurement wraps
// every require(), which the other cases must not pay for.
export const MODULE_LOADING_VARIABLE = "PLATFORM_BENCH_MODULE_LOADING";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when asked for, before the modules it measures
const measure = process.env[MODULE_LOADING_VARIABLE] === "1" ? (require("./moduleLoading") as typeof import("./moduleLoading")) : undefined;

/** The process's module loading time, when measured. */
export function moduleLoadingReport(): { moduleLoadingMs?: number } {
    return measure ? { moduleLoadingMs: Math.round(measure.moduleLoadingMs()) } : {};
}
