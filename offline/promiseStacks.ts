// The Pulumi runtime wraps every promise it creates (runtime/debuggable.js debuggablePromise,
// @pulumi/pulumi 3.270.0 lines 248-295): it records a stack trace (`new Error().stack`,
// line 253), which it prints only when PULUMI_DEBUG_PROMISE_LEAKS is set, and tracks the
// promise in a set to report leaks at exit. Formatting those traces is about half of the
// runtime's CPU per resource under mocks. Unless leaks are being debugged, the offline plan
// either keeps the wrappers without their traces, or (its shortcuts on) skips the wrappers.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- internal module, not in the typings
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as {
    debugPromiseLeaks: boolean;
    debuggablePromise: <T>(promise: Promise<T>, context: unknown) => Promise<T>;
};

let installed = false;

/** Skips the traces of the runtime's promises for the rest of the process, unless leaks are being debugged. */
export function skipPromiseStackTraces(): void {
    if (installed || debuggable.debugPromiseLeaks) {
        return;
    }
    const original = debuggable.debuggablePromise;
    debuggable.debuggablePromise = (promise, context) => {
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
            return original(promise, context);
        } finally {
            Error.stackTraceLimit = limit;
        }
    };
    installed = true;
}

/**
 * Skips the wrappers for the rest of the process, unless leaks are being debugged: the
 * promise is used as it is. Leak reports at exit are for a real deployment; an offline plan
 * that waits on a promise never settled fails on its own.
 */
export function skipPromiseWrappers(): void {
    if (installed || debuggable.debugPromiseLeaks) {
        return;
    }
    debuggable.debuggablePromise = (promise) => promise;
    installed = true;
}
