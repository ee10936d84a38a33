// The problems parseStackConfig reports for a config, keyed by path, for the tests that
// break one key at a time.
import * as assert from "node:assert/strict";

import { ConfigError } from "../../stacks/configError";
import { parseStackConfig } from "../../stacks/parse";

/** The problems of a config, keyed by path; empty when the config is accepted. */
export function configProblems(values: Record<string, unknown>, awsRegion?: string): Map<string, string> {
    try {
        parseStackConfig({ stack: "test", values, awsRegion });
    } catch (error) {
        assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${error}`);
        return new Map(error.problems.map((problem) => [problem.key, problem.message]));
    }
    return new Map();
}

/** The problems of a config that must be rejected, keyed by path. */
export function problemsOf(values: Record<string, unknown>, awsRegion?: string): Map<string, string> {
    const problems = configProblems(values, awsRegion);
    assert.ok(problems.size > 0, "the config was accepted");
    return problems;
}

/** Asserts a problem at the key whose message matches the reason, listing the problems found otherwise. */
export function assertProblem(problems: Map<string, string>, key: string, reason: RegExp): void {
    assert.ok(problems.has(key), `no problem at ${key}; got: ${[...problems].map(([path, message]) => `${path}: ${message}`).join("; ")}`);
    assert.match(problems.get(key)!, reason);
}
