// The schema models a plan needs, loaded as one CommonJS module instead of the ES modules
// of the kubernetes-models packages (about 820 files for the 29 kinds of the prod plan, the
// largest part of its start-up). esbuild bundles them the first time a set of modules is
// asked for, into node_modules/.cache/model-bundles/, keyed by the lockfile (with npm's
// record of what node_modules holds, node_modules/.package-lock.json, where there is one),
// esbuild's version and the modules; later runs require the file (V8's code cache keeps it compiled).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const PROJECT_ROOT = resolve(__dirname, "../..");
const LOCKFILE = join(PROJECT_ROOT, "package-lock.json");
const INSTALLED = join(PROJECT_ROOT, "node_modules", ".package-lock.json");
const CACHE_DIR = join(PROJECT_ROOT, "node_modules", ".cache", "model-bundles");
const MISSING = "missing-model";
/** Packages left outside the bundle and required from node_modules: re2-wasm reads its .wasm file beside itself. */
const EXTERNAL = ["re2-wasm"];

/** Each module's exports by specifier; a specifier that resolves to no module has empty exports. */
export type ModelModules = Record<string, Record<string, unknown>>;

/** The bundle's file for these specifiers, built if absent; undefined where no lockfile keys it. */
export async function modelBundle(specifiers: readonly string[]): Promise<string | undefined> {
    if (!existsSync(LOCKFILE)) {
        return undefined;
    }
    const unique = [...new Set(specifiers)].sort();
    // Loaded on first use: a plan whose bundle is cached never loads esbuild's API.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const esbuild = require("esbuild") as typeof import("esbuild");
    const installed = existsSync(INSTALLED) ? readFileSync(INSTALLED) : "";
    const key = createHash("sha256")
        .update(readFileSync(LOCKFILE))
        .update(installed)
        .update(esbuild.version)
        .update(JSON.stringify([EXTERNAL, unique]))
        .digest("hex");
    const file = join(CACHE_DIR, `${key}.cjs`);
    if (!existsSync(file)) {
        writeAtomically(file, await bundle(esbuild, unique));
    }
    return file;
}

/** The exports of each specifier from the bundle. */
export function loadBundle(file: string): ModelModules {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(file) as { modules: ModelModules }).modules;
}

async function bundle(esbuild: typeof import("esbuild"), specifiers: readonly string[]): Promise<string> {
    const entry = [
        ...specifiers.map((specifier, index) => `import * as m${index} from ${JSON.stringify(specifier)};`),
        `export const modules = {${specifiers.map((specifier, index) => `${JSON.stringify(specifier)}: m${index}`).join(", ")}};`,
    ].join("\n");
    const result = await esbuild.build({
        stdin: { contents: entry, resolveDir: PROJECT_ROOT, loader: "js" },
        bundle: true,
        external: EXTERNAL,
        write: false,
        format: "cjs",
        platform: "node",
        target: "node22",
        logLevel: "silent",
        plugins: [
            {
                // A kind without a module (a nested type's name, an unknown group) is no model, as import() failing is.
                name: MISSING,
                setup(build) {
                    build.onResolve({ filter: /.*/ }, async (args) => {
                        if (args.importer !== "<stdin>" || args.pluginData === MISSING) {
                            return undefined;
                        }
                        const found = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: MISSING });
                        return found.errors.length > 0 ? { path: args.path, namespace: MISSING } : { path: found.path };
                    });
                    build.onLoad({ filter: /.*/, namespace: MISSING }, () => ({ contents: "export {};", loader: "js" }));
                },
            },
        ],
    });
    return result.outputFiles[0].text;
}

/** Written aside and renamed, so a concurrent plan never reads half a file. */
function writeAtomically(file: string, text: string): void {
    mkdirSync(CACHE_DIR, { recursive: true });
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, text);
    renameSync(partial, file);
}
