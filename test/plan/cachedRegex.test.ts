// CEL's matches() with each pattern compiled once answers as the built-in one, which
// compiles on every call (@bufbuild/cel 0.6.1 dist/cjs/std/logic.js:23-25).
import * as assert from "node:assert/strict";
import { celEnv, parse, plan } from "@bufbuild/cel";

import { cachedRegex, celRegexEngine, type RE2 } from "../../offline/validation/cachedRegex";

describe("cached CEL regular expressions", () => {
    it("compile each pattern once, however often it is matched", () => {
        const compiled: string[] = [];
        const engine: RE2 = { compile: (pattern: string) => (compiled.push(pattern), { test: (text: string) => text.startsWith(pattern) }) };
        const cached = cachedRegex(engine);
        const answers = ["ab", "ac", "ab", "ab"].map((text) => cached.compile("a").test(text) && cached.compile("ab").test(text));
        assert.deepEqual(answers, [true, false, true, true]);
        assert.deepEqual(compiled, ["a", "ab"]);
    });

    it("give the built-in matches() answers, errors included", () => {
        const builtIn = celEnv();
        const cached = celEnv({ re2: cachedRegex(celRegexEngine()) });
        const cases = [
            `"ghcr.io/acme/web:1.0.0".matches(":latest$")`,
            `"ghcr.io/acme/web:latest".matches(":latest$")`,
            `"web@sha256:${"a".repeat(64)}".matches("(:[\\\\w][\\\\w.-]{0,127}|@sha256:[a-f0-9]{64})$")`,
            `"x".matches("(")`,
        ];
        for (const expression of cases) {
            const answer = (env: ReturnType<typeof celEnv>) => {
                const result = plan(env, parse(expression))({});
                return result instanceof Error || typeof result !== "boolean" ? `error: ${(result as Error).message}` : result;
            };
            assert.deepEqual([expression, answer(cached), answer(cached)], [expression, answer(builtIn), answer(builtIn)]);
        }
    });
});
