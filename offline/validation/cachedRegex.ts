// CEL's matches() compiles its RE2 pattern on every call (@bufbuild/cel 0.6.1
// dist/cjs/std/logic.js:23-25, `RE2JS.compile(pattern).test(this)`), though a policy's
// patterns are literals evaluated against every object. celEnv's `re2` option replaces that
// engine (dist/cjs/env.js:36-40); this one is the same engine, each pattern compiled once.
import type { celEnv } from "@bufbuild/cel";

/** The engine celEnv's `re2` option takes (its type is not exported by the package). */
export type RE2 = NonNullable<NonNullable<Parameters<typeof celEnv>[0]>["re2"]>;

/** An RE2 engine that compiles each pattern once; a compiled matcher holds no state between tests. */
export function cachedRegex(engine: RE2): RE2 {
    const compiled = new Map<string, ReturnType<RE2["compile"]>>();
    return {
        compile(pattern) {
            let matcher = compiled.get(pattern);
            if (!matcher) {
                matcher = engine.compile(pattern);
                compiled.set(pattern, matcher);
            }
            return matcher;
        },
    };
}

/** The RE2 engine @bufbuild/cel itself uses (its own dependency, resolved from it). */
export function celRegexEngine(): RE2 {
    const re2 = require.resolve("@bufbuild/re2", { paths: [require.resolve("@bufbuild/cel")] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- cel's own copy, resolved from it
    return (require(re2) as { RE2JS: RE2 }).RE2JS;
}
