import * as assert from "node:assert/strict";

import { evaluateProgram } from "../offline/evaluate";

describe("evaluateProgram", () => {
    it("rethrows a program error without leaving an unhandled rejection behind", async () => {
        const unhandled: unknown[] = [];
        const listener = (reason: unknown) => unhandled.push(reason);
        process.on("unhandledRejection", listener);
        try {
            const failure = new Error("invalid config");
            await assert.rejects(
                evaluateProgram({
                    project: "platform",
                    stack: "test",
                    config: {},
                    secretKeys: [],
                    program: () => {
                        throw failure;
                    },
                }),
                (error) => error === failure,
            );
            await new Promise((resolve) => setTimeout(resolve, 50));
            assert.deepEqual(unhandled, []);
        } finally {
            process.off("unhandledRejection", listener);
        }
    });
});
