// The time a process spends loading modules, for the benchmark's share of module loading: each
// outermost require() is timed whole (resolution, reading, transpiling through the loader,
// compiling and running the module body with the modules it requires in turn), from the
// moment this module is loaded; what ran before it (Node's start, the loader) is counted too.
// Imported first, for its effect, by the process it measures.
import Module from "node:module";

const moduleLoader = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
const load = moduleLoader._load;
let depth = 0;
let loadingMs = performance.now();

moduleLoader._load = function (this: unknown, ...args: Parameters<typeof load>) {
    if (depth > 0) {
        return load.apply(this, args);
    }
    const start = performance.now();
    depth++;
    try {
        return load.apply(this, args);
    } finally {
        depth--;
        loadingMs += performance.now() - start;
    }
};

/** Milliseconds spent loading modules so far in this process. */
export function moduleLoadingMs(): number {
    return loadingMs;
}
