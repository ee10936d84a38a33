// The offline plan's serializer copies plain data at once and must give exactly what the
// SDK's own serializeProperty gives (@pulumi/pulumi 3.270.0 runtime/rpc.js:329-548), for
// plain data and for the SDK's own values inside it, with the same dependencies.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";

import { installEngineShortcuts } from "../../offline/engineShortcuts";
import { plainFirst } from "../../offline/plainSerialization";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK's internal module, which has no typings
const rpc = require("@pulumi/pulumi/runtime/rpc") as { serializeProperty: Parameters<typeof plainFirst>[0] };

class Point {
    constructor(
        public x: number,
        public y: number,
    ) {}
}

function values(): Record<string, unknown> {
    const withHole = [1, 2, 3];
    delete withHole[1];
    const bare = Object.create(null) as Record<string, unknown>;
    bare.b = 1;
    bare.a = [undefined, () => 1];
    const protoKey = JSON.parse('{"__proto__": {"x": 1}, "y": 2}') as unknown;
    return {
        scalars: ["s", 1.5, -0, Number.NaN, true, false, null, undefined],
        nested: { b: { d: [1, { z: null, y: "s", u: undefined }], c: true }, a: "x", 10: "ten", 2: "two" },
        functions: { f: () => 1, list: [() => 2, "kept"] },
        withHole,
        bare,
        protoKey,
        output: { name: pulumi.output("web"), list: [pulumi.output(1), 2, { deep: pulumi.output({ k: [1, undefined] }) }] },
        secret: { data: pulumi.secret({ password: "p" }), plain: "q" },
        promise: { later: Promise.resolve({ a: [1, undefined] }) },
        unknown: { value: pulumi.output(pulumi.unknown), after: 3 },
        asset: new pulumi.asset.StringAsset("contents"),
        instance: { point: new Point(1, 2), date: new Date(0) },
        // Taken for an Output by the SDK, which then fails on it: the same failure.
        marker: { __pulumiOutput: true, value: 1 },
        symbol: { s: Symbol("s") },
    };
}

describe("plain-first serialization", () => {
    before(() =>
        pulumi.runtime.setMocks(
            { newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }), call: (args) => args.inputs },
            "project",
            "stack",
            true,
        ),
    );

    for (const [name, value] of Object.entries(values())) {
        for (const keepOutputValues of [false, true]) {
            it(`serializes ${name} as the SDK does (keepOutputValues ${keepOutputValues})`, async () => {
                const sdkDeps = new Set<unknown>();
                const fastDeps = new Set<unknown>();
                const outcome = (promise: Promise<unknown>) =>
                    promise.then(
                        (result) => ({ result }),
                        (error: Error) => ({ error: error.message }),
                    );
                const expected = await outcome(rpc.serializeProperty("p", values()[name], sdkDeps, { keepOutputValues }));
                const actual = await outcome(plainFirst(rpc.serializeProperty)("p", value, fastDeps, { keepOutputValues }));
                assert.deepStrictEqual(actual, expected);
                assert.equal(fastDeps.size, sdkDeps.size);
            });
        }
    }

    it("copies plain data, sharing nothing with the input", async () => {
        const input = { a: { b: [1, { c: "d" }] } };
        const copy = (await plainFirst(rpc.serializeProperty)("p", input, new Set())) as typeof input;
        assert.deepStrictEqual(copy, input);
        assert.notEqual(copy.a, input.a);
        assert.notEqual(copy.a.b[1], input.a.b[1]);
    });

    it("records the resources an Output inside plain data depends on", async () => {
        const resource = new (class Thing extends pulumi.CustomResource {})("test:index:Thing", "thing", {});
        const deps = new Set<unknown>();
        const sdkDeps = new Set<unknown>();
        const value = () => ({ spec: { list: [1, { id: resource.id }], name: "n" } });
        const expected = await rpc.serializeProperty("p", value(), sdkDeps, {});
        assert.deepStrictEqual(await plainFirst(rpc.serializeProperty)("p", value(), deps, {}), expected);
        assert.deepEqual([...deps], [...sdkDeps]);
        assert.ok(deps.has(resource));
    });
});

describe("registration without error stack traces", () => {
    it("keeps a failed registration's message and restores the stack trace limit", async () => {
        const limit = Error.stackTraceLimit;
        const end = installEngineShortcuts();
        try {
            await pulumi.runtime.setMocks(
                {
                    newResource: () => {
                        throw new Error("refused by the mock");
                    },
                    call: () => ({}),
                },
                "project",
                "stack",
                true,
            );
            const resource = new (class Thing extends pulumi.CustomResource {})("test:index:Thing", "thing", {});
            assert.equal(Error.stackTraceLimit, limit);
            await assert.rejects(
                (resource.urn as unknown as { promise: () => Promise<string> }).promise(),
                /failed to register new resource thing \[test:index:Thing\]: .*refused by the mock/,
            );
        } finally {
            end();
        }
    });
});

describe("dependency URNs under the shortcuts", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK's internal module, which has no typings
    const dependsOn = require("@pulumi/pulumi/runtime/dependsOn") as {
        getAllTransitivelyReferencedResourceURNs: (resources: unknown, exclude: Set<unknown>) => Promise<Set<string>>;
    };

    it("answers none with an empty set at once and any other set as the SDK does", async () => {
        await pulumi.runtime.setMocks({ newResource: (args) => ({ id: `${args.name}-id`, state: {} }), call: () => ({}) }, "project", "stack", true);
        const component = new pulumi.ComponentResource("test:index:Group", "group", {});
        const child = new (class Thing extends pulumi.CustomResource {})("test:index:Thing", "child", {}, { parent: component });
        const end = installEngineShortcuts();
        try {
            assert.deepEqual(await dependsOn.getAllTransitivelyReferencedResourceURNs(new Set(), new Set()), new Set());
            // A component reaches its custom children (runtime/dependsOn.js:84-101).
            const reached = await dependsOn.getAllTransitivelyReferencedResourceURNs(new Set([component]), new Set());
            assert.deepEqual([...reached], [await (child.urn as unknown as { promise: () => Promise<string> }).promise()]);
            assert.deepEqual([...(await dependsOn.getAllTransitivelyReferencedResourceURNs([child], new Set()))], [...reached], "a list goes to the SDK too");
        } finally {
            end();
        }
    });
});
