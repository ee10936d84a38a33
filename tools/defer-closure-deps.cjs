// @pulumi/pulumi loads its closure serializer eagerly (runtime/index.js:19-22), and with it
// TypeScript's compiler (closure/parseFunction.js:25, through typescript-shim.js) and npm's
// Arborist (closure/codePaths.js:29): about 0.2 s of every start-up (Node 22, code cache on),
// for code that runs only when a program serializes a function, which this one never does.
// Upstream plans to move closures out of the package (pulumi/pulumi#10185). Until then the
// module cache holds a stand-in for each of the two, which loads the real module on first use.
// The same holds for what only a real engine or a closure needs (measured with the prod
// plan, Node 22, code cache on): the Automation API (index.js:38, ~30 ms), which a program
// never drives; gRPC (@grpc/grpc-js, ~20 ms, and the generated *_grpc_pb.js clients that call
// it as they load), which only connects to a real engine; normalize-package-data with the
// spdx license parsers under it (closure/codePaths.js:28, ~10 ms), which reads package.json
// files only when a function is serialized. Under mocks none of them is used.
"use strict";
const Module = require("node:module");
const { readdirSync } = require("node:fs");
const { dirname, join } = require("node:path");

/** A module object that is the real one from its first use on. */
function deferred(load) {
    let real;
    const module = () => (real ??= load());
    // An arrow function as the target, so that a module that is a function can be called.
    return new Proxy(() => undefined, {
        apply: (_, self, args) => Reflect.apply(module(), self, args),
        // __importStar(require(...)) asks first: an ES module is used as it is, so nothing loads yet.
        get: (_, key) => {
            if (key === "__esModule" && real === undefined) {
                return true;
            }
            const exports = module();
            // __importDefault(require(...)) of a CommonJS module reads .default: the module itself.
            return key === "default" && !exports.__esModule && !Reflect.has(exports, "default") ? exports : Reflect.get(exports, key);
        },
        has: (_, key) => Reflect.has(module(), key),
        ownKeys: () => Reflect.ownKeys(module()),
        getOwnPropertyDescriptor: (_, key) => {
            const descriptor = Reflect.getOwnPropertyDescriptor(module(), key);
            return descriptor && { ...descriptor, configurable: true };
        },
    });
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
    defer(require.resolve("normalize-package-data", { paths: [sdk] }));
    defer(join(sdk, "automation", "index.js"));
    defer(require.resolve("@grpc/grpc-js", { paths: [sdk] }));
    for (const file of readdirSync(join(sdk, "proto")).filter((name) => name.endsWith("_grpc_pb.js"))) {
        defer(join(sdk, "proto", file));
    }
} catch {
    // No SDK where this runs: nothing to defer.
}
