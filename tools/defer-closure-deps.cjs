// @pulumi/pulumi loads its closure serializer eagerly (runtime/index.js:19-22), and with it
// TypeScript's compiler (closure/parseFunction.js:25, through typescript-shim.js) and npm's
// Arborist (closure/codePaths.js:29): about 0.2 s of every start-up (Node 22, code cache on),
// for code that runs only when a program serializes a function, which this one never does.
// Upstream plans to move closures out of the package (pulumi/pulumi#10185). Until then the
// module cache holds a stand-in for each of the two, which loads the real module on first use.
"use strict";
const Module = require("node:module");
const { dirname, join } = require("node:path");

/** A module object that is the real one from its first use on. */
function deferred(load) {
    let real;
    const module = () => (real ??= load());
    return new Proxy(
        {},
        {
            // __importStar(require(...)) asks first: an ES module is used as it is, so nothing loads yet.
            get: (_, key) => (key === "__esModule" && real === undefined ? true : Reflect.get(module(), key)),
            has: (_, key) => Reflect.has(module(), key),
            ownKeys: () => Reflect.ownKeys(module()),
            getOwnPropertyDescriptor: (_, key) => {
                const descriptor = Reflect.getOwnPropertyDescriptor(module(), key);
                return descriptor && { ...descriptor, configurable: true };
            },
        },
    );
}

/** Puts a stand-in for the module at `filename` into the cache; the first use replaces it with the real one. */
function defer(filename) {
    if (require.cache[filename]) {
        return;
    }
    const standIn = new Module(filename);
    standIn.filename = filename;
    standIn.loaded = true;
    standIn.exports = deferred(() => {
        delete require.cache[filename];
        return require(filename);
    });
    require.cache[filename] = standIn;
}

try {
    const sdk = dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [process.cwd(), join(__dirname, "..")] }));
    defer(join(sdk, "typescript-shim.js"));
    defer(require.resolve("@npmcli/arborist", { paths: [sdk] }));
} catch {
    // No SDK where this runs: nothing to defer.
}
