import * as assert from "node:assert/strict";

import { HELP, parsePlanArguments, UsageError } from "../../offline/plan/arguments";

describe("plan arguments", () => {
    it("reads the stack and output directory, long or short", () => {
        assert.deepEqual(parsePlanArguments(["--stack", "prod", "--out", "/tmp/p"]), { kind: "plan", stack: "prod", outDir: "/tmp/p" });
        assert.deepEqual(parsePlanArguments(["-s", "dev", "-o", "out"]), { kind: "plan", stack: "dev", outDir: "out" });
    });

    it("writes to plan-out/<stack> by default", () => {
        assert.deepEqual(parsePlanArguments(["--stack", "dev"]), { kind: "plan", stack: "dev", outDir: "plan-out/dev" });
    });

    it("answers --help, which documents files and exit codes", () => {
        assert.deepEqual(parsePlanArguments(["--help"]), { kind: "help" });
        for (const text of ["--stack <name>", "resources.json", "manifests.yaml", "Exit codes"]) {
            assert.ok(HELP.includes(text), text);
        }
    });

    it("rejects a missing stack, unknown options and stray arguments", () => {
        assert.throws(
            () => parsePlanArguments([]),
            (error: Error) => error instanceof UsageError && /--stack <name> is required/.test(error.message),
        );
        assert.throws(() => parsePlanArguments(["--stack", "dev", "--verbose"]), /Unknown option '--verbose'/);
        assert.throws(() => parsePlanArguments(["dev"]), UsageError);
        assert.throws(() => parsePlanArguments(["--stack", "../secrets"]), /'\.\.\/secrets' is not a stack name/);
    });
});
