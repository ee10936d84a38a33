// The Pulumi runtime records a stack trace on every promise it creates (runtime/debuggable.js
// debuggablePromise: `new Error().stack`, @pulumi/pulumi 3.270.0 line 252), which it prints only
// when PULUMI_DEBUG_PROMISE_LEAKS is set. Formatting those traces is about half of the
// runtime's CPU per resource under mocks. Offline, without that variable, the promises are
// still tracked for leaks, but their trace is empty.
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
