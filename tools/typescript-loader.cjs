// Runs the TypeScript source with no build step: a require hook that transpiles each
// .ts file of the project with esbuild (types are stripped, not checked; type-checking
// is `npm run typecheck`, part of `npm test` and CI) and caches the JavaScript by
// content hash under node_modules/.cache/, so an unchanged file is transpiled once.
//   node --require ./tools/typescript-loader.cjs index.ts
// Pulumi starts the program this way (Pulumi.yaml runtime.options.nodeargs), and so do
// the tests, the offline plan and the benchmark.
//
// Source maps stay off: with them on, Node maps every stack trace, and the Pulumi SDK
// captures one per registered resource (measured with the dev plan: +0.25 s); the
// transpiled code keeps the source's statements, so traces still point near the line.
"use strict";
const { createHash } = require("node:crypto");
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const { join } = require("node:path");
const esbuild = require("esbuild");

/** What `tsc` would emit for tsconfig.json (ES2022 class fields, CommonJS with import() kept). */
const OPTIONS = {
    loader: "ts",
    format: "cjs",
    target: "node20",
    tsconfigRaw: { compilerOptions: { target: "ES2022", useDefineForClassFields: true, esModuleInterop: true } },
};
const CACHE_DIR = join(__dirname, "..", "node_modules", ".cache", "typescript-loader");
const CACHE_SALT = `${esbuild.version}${JSON.stringify(OPTIONS)}`;

function transpile(source, filename) {
    const cached = join(CACHE_DIR, `${createHash("sha256").update(CACHE_SALT).update(source).digest("hex")}.js`);
    try {
        return readFileSync(cached, "utf8");
    } catch {
        // not cached yet
    }
    const { code } = esbuild.transformSync(source, { ...OPTIONS, sourcefile: filename });
    try {
        mkdirSync(CACHE_DIR, { recursive: true });
        // Written aside and renamed, so a concurrent reader never sees half a file.
        const partial = `${cached}.${process.pid}`;
        writeFileSync(partial, code);
        renameSync(partial, cached);
    } catch {
        // A read-only checkout still runs, uncached.
    }
    return code;
}

// V8's code cache for every module the process loads (Node >= 22.8): @pulumi/pulumi alone
// loads TypeScript's 9 MB compiler for closure serialization, and the AWS packages hundreds
// of files. Measured with the prod plan on Node 22.23: 1.37 s without, 1.12 s with.
try {
    Module.enableCompileCache?.(join(__dirname, "..", "node_modules", ".cache", "node-compile-cache"));
} catch {
    // An unwritable cache only costs the speed-up.
}

require("./defer-closure-deps.cjs");

Module._extensions[".ts"] = (module, filename) => {
    module._compile(transpile(readFileSync(filename, "utf8"), filename), filename);
};
