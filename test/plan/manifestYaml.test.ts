// manifests.yaml writes each object exactly as js-yaml 4.3.2 dumps it with the plan's options
// (offline/plan/manifestYaml.ts lays out the structure itself and lets js-yaml write each
// distinct scalar): compared on values that take every style and layout, and on every
// manifest of the dev and prod plans.
import * as assert from "node:assert/strict";
import { dump } from "js-yaml";

import { kubernetesManifests } from "../../offline/plan/manifests";
import { MANIFEST_YAML_OPTIONS, manifestYaml } from "../../offline/plan/manifestYaml";
import { evaluateStackFile } from "../harness/evaluateStack";

const same = (value: unknown, what: string) => assert.equal(manifestYaml(value), dump(value, MANIFEST_YAML_OPTIONS), what);

// Plain, quoted (ambiguous types, YAML 1.1 booleans and base 60, indicators, spaces at the ends), escaped.
const STRINGS = [
    "web",
    "",
    " ",
    "true",
    "True",
    "FALSE",
    "yes",
    "on",
    "n",
    "null",
    "~",
    "NULL",
    "<<",
    "1",
    "012",
    "0x1F",
    "0o17",
    "1_000",
    "+1",
    "-1.5",
    "1e3",
    ".inf",
    "-.INF",
    ".nan",
    "2024-01-01",
    "2024-01-01T00:00:00Z",
    "1:30",
    "190:20:30",
    "a: b",
    "a:b",
    "- x",
    "-x",
    "#c",
    "a #b",
    "a#b",
    "it's",
    '"quoted"',
    "{a}",
    "[a]",
    "a, b",
    "?q",
    "!tag",
    "&anchor",
    "*alias",
    "|",
    ">",
    "%x",
    "@x",
    "`x",
    "lead ",
    " trail",
    "tab\there",
    "bell\u0007",
    "nul\u0000",
    "é ünïcode",
    "emoji 🚀",
    "\u2028sep",
    "\ufeffbom",
    "x".repeat(300),
    "app.kubernetes.io/name",
    "ghcr.io/acme/web:1.2.3@sha256:" + "a".repeat(64),
    "10.0.0.0/16",
    "0.5",
    "100m",
    "256Mi",
    "*/5 * * * *",
];
const NUMBERS = [0, -0, 1, -7, 1.5, -2.25, 1e21, 1e-7, 2 ** 53, Number.MAX_VALUE, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 8080];
const MULTI_LINE = ["a\nb", "a\nb\n", "a\n\n", "\n", "  indented\nfirst", "x\r\ny", "trailing \nspace"];

describe("manifests.yaml writing", () => {
    it("writes every scalar as js-yaml does, as a value, a key and an element, at every depth", () => {
        for (const scalar of [...STRINGS, ...NUMBERS, true, false, null]) {
            for (const value of [scalar, { k: scalar }, { a: { b: { c: scalar } } }, [scalar], [[scalar]], [{ k: scalar, j: [scalar] }]]) {
                same(value, `${JSON.stringify(String(scalar))} in ${JSON.stringify(value)}`);
            }
        }
        for (const key of STRINGS.filter((key) => key !== "")) {
            same({ [key]: 1, nested: { [key]: [key] } }, `key ${JSON.stringify(key)}`);
        }
        same({ "": "empty key" }, "empty key");
    });

    it("lays out mappings and sequences as js-yaml does: nesting, empty ones, undefined, null prototypes", () => {
        const bare = Object.create(null) as Record<string, unknown>;
        bare.b = [1, { c: [] }];
        const withHole = [1, 2];
        delete withHole[0];
        const values: unknown[] = [
            {},
            [],
            { a: {}, b: [], c: [{}], d: [[]], e: [[1, [2, { f: 3 }]], { g: [{}] }] },
            [{ a: 1, b: { c: [1, 2] } }, [{ d: 1 }, [{ e: [] }]], null],
            { a: undefined, b: 1, c: [undefined, 2], d: { e: undefined } },
            { only: undefined },
            bare,
            withHole,
            { metadata: { name: "web", labels: { app: "web", "app.kubernetes.io/part-of": "platform" } }, spec: { ports: [{ port: 80, targetPort: "http" }] } },
        ];
        values.forEach((value, index) => same(value, `layout ${index}`));
    });

    it("leaves to js-yaml what it writes differently by depth or refuses: multi-line strings, long keys, class instances, functions", () => {
        for (const text of MULTI_LINE) {
            for (const value of [text, { k: text }, { a: { b: [text, { c: text }] } }, { [text]: 1 }]) {
                same(value, `multi-line ${JSON.stringify(text)} in ${JSON.stringify(value)}`);
            }
        }
        same({ ["k".repeat(1025)]: 1, short: "k".repeat(2000) }, "a key longer than 1024");
        same({ at: new Date(0), bytes: new Uint8Array([1, 2]) }, "class instances");
        assert.throws(() => manifestYaml({ f: () => 1 }), /unacceptable kind of an object to dump/);
    });

    // The dev stack's secret is set as `pulumi config set --secret` would set it.
    const EXTRA_CONFIG: Record<string, Record<string, string>> = { dev: { "platform:externalIntegrationKey": "k" }, prod: {} };
    for (const stack of ["dev", "prod"]) {
        it(`writes every manifest of the ${stack} plan as js-yaml does`, async function () {
            this.timeout(60_000);
            const manifests = kubernetesManifests((await evaluateStackFile(stack, EXTRA_CONFIG[stack])).all);
            assert.ok(manifests.length > 40);
            manifests.forEach((manifest) => same(manifest.object, `${manifest.resource.type}::${manifest.resource.name}`));
        });
    }
});
