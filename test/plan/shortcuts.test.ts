// The offline plan's shortcuts (offline/shortcuts.ts) change how fast it runs, never what it
// writes: resources.json and manifests.yaml are byte-identical with PLATFORM_PLAN_SHORTCUTS
// on and off, for dev, prod and dev + 200 apps. Each plan runs in a fresh process, because
// the shortcuts are installed once per process.
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import { evaluateProgram } from "../../offline/evaluate";
import { sdkTransferProperties, useLazyResourceOutputs, type TransferProperties } from "../../offline/lazyOutputs";
import { holdsNoSdkMarkers, plainCopy, usePlainStructs } from "../../offline/plainStructs";
import { WAVE_SIZE } from "../../offline/registrationWaves";
import { REDACTED, redactSecrets } from "../../offline/secretValues";
import { SHORTCUTS_VARIABLE, shortcutsEnabled } from "../../offline/shortcuts";
import { withoutTypeAliases } from "../../offline/typeAliases";
import { type ModelClass } from "../../offline/validation/loadModel";
import { loadBundle, modelBundle } from "../../offline/validation/modelBundle";
import { modelModule } from "../../offline/validation/modelModules";
import { schemaProblems } from "../../offline/validation/schemaViolations";
import { evaluateComponent, PROJECT_ROOT } from "../harness/evaluateStack";

const run = promisify(execFile);
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK's internal module and its Struct, which have no typings
const rpc = require("@pulumi/pulumi/runtime/rpc");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
const PLAN_FILES = ["resources.json", "manifests.yaml"];

/** The plan of `stack` with `apps` cloned apps, written by a fresh process with the shortcuts on or off. */
async function planFiles(stack: string, apps: number, shortcuts: "on" | "off", dir: string): Promise<Record<string, string>> {
    const out = join(dir, `${stack}-${apps}-${shortcuts}`);
    await run(process.execPath, ["--require", "./tools/typescript-loader.cjs", "tools/bench/planApps.ts", stack, String(apps), out], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, NODE_OPTIONS: "", [SHORTCUTS_VARIABLE]: shortcuts },
        maxBuffer: 1 << 24,
    });
    return Object.fromEntries(PLAN_FILES.map((file) => [file, readFileSync(join(out, file), "utf8")]));
}

describe("offline plan shortcuts", function () {
    this.timeout(180_000);
    let dir: string;
    before(() => (dir = mkdtempSync(join(tmpdir(), "plan-shortcuts-"))));
    after(() => rmSync(dir, { recursive: true, force: true }));

    for (const [stack, apps] of [
        ["dev", 0],
        ["prod", 0],
        ["dev", 200],
    ] as const) {
        it(`leave resources.json and manifests.yaml of ${stack}${apps ? ` + ${apps} apps` : ""} byte-identical`, async () => {
            const [on, off] = await Promise.all([planFiles(stack, apps, "on", dir), planFiles(stack, apps, "off", dir)]);
            for (const file of PLAN_FILES) {
                assert.ok(on[file].length > 1000, `${file} is written`);
                assert.ok(on[file] === off[file], `${file} of ${stack} + ${apps} apps differs with the shortcuts on`);
            }
        });
    }

    it("are on unless the variable says off", () => {
        assert.equal(shortcutsEnabled({}), true);
        assert.equal(shortcutsEnabled({ [SHORTCUTS_VARIABLE]: "on" }), true);
        assert.equal(shortcutsEnabled({ [SHORTCUTS_VARIABLE]: "off" }), false);
        assert.equal(shortcutsEnabled({ [SHORTCUTS_VARIABLE]: "0" }), false);
    });

    it("copy plain data as a protobuf Struct round trip returns it: keys sorted, arrays kept, other values left to the library", async () => {
        const values = [
            { b: 1, a: { d: [3, { z: null, y: "s" }], c: true }, "10": "ten", "2": "two", B: [] },
            { metadata: { name: "x", labels: { "app.kubernetes.io/name": "x", app: "x" } }, spec: { replicas: 2 } },
            {},
        ];
        // The library's own round trip, in a process where it is not replaced.
        const script = `const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
            console.log(JSON.stringify(${JSON.stringify(values)}.map((value) => Struct.fromJavaScript(value).toJavaScript())));`;
        const { stdout } = await run(process.execPath, ["-e", script], { cwd: PROJECT_ROOT });
        const expected = JSON.parse(stdout) as unknown[];
        values.forEach((value, index) => assert.equal(JSON.stringify(plainCopy(value)), JSON.stringify(expected[index])));
        const withHole = [1, 2];
        delete withHole[0];
        for (const unsupported of [{ a: undefined }, { a: () => 1 }, { a: new Date(0) }, withHole]) {
            assert.throws(() => plainCopy(unsupported), "left to the library, which fails or converts on its own terms");
        }
    });

    it("hand over the plain copy where the SDK's deserialization builds the same value, and leave secrets and unknowns to it", () => {
        const values = [
            { b: 1, a: { d: [3, { z: null, y: "s" }], c: true }, "10": "ten", "2": "two", B: [] },
            { data: { key: { [rpc.specialSigKey]: rpc.specialSecretSig, value: "s" } } },
            { image: rpc.unknownValue, tags: ["a", rpc.unknownValue] },
        ];
        const deserialized = () => values.map((value) => rpc.deserializeProperties(Struct.fromJavaScript(value)));
        const expected = deserialized();
        const end = usePlainStructs();
        let actual: unknown[];
        try {
            actual = deserialized();
        } finally {
            end();
        }
        assert.deepEqual(actual, expected);
        assert.deepEqual(
            actual.map((value) => JSON.stringify(value)),
            expected.map((value) => JSON.stringify(value)),
            "keys in the same order",
        );
        assert.ok(rpc.isRpcSecret((actual[1] as any).data), "a nested secret is lifted to its property, as the SDK does");
        // Redaction skips what was handed over (it holds no marker) and still finds the secret in the rest.
        assert.deepEqual([holdsNoSdkMarkers(actual[0]), holdsNoSdkMarkers(actual[1]), holdsNoSdkMarkers(expected[0])], [true, false, false]);
        assert.equal(redactSecrets(actual[0]), actual[0]);
        assert.deepEqual(redactSecrets(actual[1]), { data: REDACTED });
    });

    it("load models from the bundle that validate exactly as the packages' own modules", async () => {
        const kinds = [
            ["apps/v1", "Deployment"],
            ["monitoring.coreos.com/v1", "ServiceMonitor"],
            ["apps/v1", "DeploymentSpec"],
            ["example.com/v1", "Widget"],
        ];
        const specifiers = kinds.map(([apiVersion, kind]) => modelModule(apiVersion, kind)!);
        const bundled = loadBundle((await modelBundle(specifiers))!);
        const broken = {
            apiVersion: "apps/v1",
            kind: "Deployment",
            metadata: { name: "web" },
            spec: { replicas: "two", selector: {}, template: { spec: { containers: [{ name: 7 }] } } },
        };
        const imported = (await import(specifiers[0])) as Record<string, unknown>;
        const problems = (exports: Record<string, unknown>) => schemaProblems(broken, exports.Deployment as ModelClass);
        assert.ok(problems(imported).length >= 2);
        assert.deepEqual(problems(bundled[specifiers[0]]), problems(imported));
        assert.equal(typeof bundled[specifiers[1]].ServiceMonitor, "function");
        assert.deepEqual(Object.keys(bundled[specifiers[3]]), [], "a module that does not exist has no exports, as import() finds none");
    });

    it("hand the SDK a Deployment without the three type aliases @pulumi/kubernetes adds for upgrades, keeping and recording a rename", async () => {
        let deployment: k8s.apps.v1.Deployment | undefined;
        const { resources } = await evaluateProgram({
            project: "platform",
            stack: "aliases",
            config: {},
            secretKeys: [],
            program: (rootOptions) => {
                const root = new pulumi.ComponentResource("test:index:Root", "root", {}, rootOptions);
                deployment = new k8s.apps.v1.Deployment(
                    "web",
                    { metadata: { name: "web" }, spec: { selector: {}, template: {} } },
                    { parent: root, aliases: [{ name: "old-web" }] },
                );
                return {};
            },
        });
        assert.deepEqual(resources.find((resource) => resource.name === "web")?.aliases, ["kubernetes:apps/v1:Deployment::old-web"]);
        // @pulumi/kubernetes 4.34.2 apps/v1/deployment.js:187 adds three; the SDK keeps the URN of each alias it was given.
        assert.equal((deployment as unknown as { __aliases: unknown[] }).__aliases.length, 1);
        assert.equal(withoutTypeAliases({ aliases: [{ name: "a" }, "urn:pulumi:s::p::t::n"] }), undefined, "nothing to drop");
        assert.deepEqual(withoutTypeAliases({ protect: true, aliases: [{ type: "t" }, { type: "t", name: "n" }] }), {
            protect: true,
            aliases: [{ type: "t", name: "n" }],
        });
    });

    it("build a resource's output properties when first read, settled as the SDK's own, keys and assignments kept", async () => {
        useLazyResourceOutputs();
        const lazyTransfer = rpc.transferProperties as TransferProperties;
        assert.notEqual(lazyTransfer, sdkTransferProperties);
        const props = { urn: undefined, apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" }, data: undefined, status: undefined };
        const dependency = { name: "dependency" };
        const answers: Record<string, Parameters<ReturnType<TransferProperties>[string]>> = {
            apiVersion: ["v1", true, false],
            kind: ["ConfigMap", true, false],
            metadata: [{ name: "a", uid: "u" }, true, true, [dependency]],
            data: [undefined, false, false],
            status: [undefined, true, false, [], new Error("registration failed")],
        };
        // What a reader sees: the value (or the error), known-ness, secrecy and resources, the resource itself named "self".
        type Observed = Record<
            string,
            {
                promise: (withUnknowns?: boolean) => Promise<unknown>;
                isKnown: Promise<boolean>;
                isSecret: Promise<boolean>;
                allResources: () => Promise<Set<unknown>>;
            }
        >;
        const observe = async (resource: Observed) => {
            const seen: Record<string, unknown> = {};
            for (const key of Object.keys(answers)) {
                const output = resource[key];
                const settled = await Promise.allSettled([output.promise(), output.isKnown, output.isSecret, output.allResources()]);
                seen[key] = settled.map((result) =>
                    result.status === "rejected"
                        ? `error: ${(result.reason as Error).message}`
                        : result.value instanceof Set
                          ? [...result.value].map((item) => (item === resource ? "self" : item))
                          : result.value,
                );
            }
            return seen;
        };
        const sdk = {} as Observed;
        const lazy = {} as Observed;
        const early = {} as Observed;
        const sdkResolvers = sdkTransferProperties(sdk, "sdk", props);
        const lazyResolvers = lazyTransfer(lazy, "lazy", props);
        const earlyResolvers = lazyTransfer(early, "early", props);
        assert.deepEqual(Object.keys(lazy), Object.keys(sdk), "the same keys, in the same order, id and urn left out");
        assert.deepEqual(Object.keys(lazyResolvers), Object.keys(sdkResolvers));
        const readBeforeTheAnswer = Object.keys(answers).map((key) => early[key]);
        for (const [key, answer] of Object.entries(answers)) {
            sdkResolvers[key](...answer);
            lazyResolvers[key](...answer);
            earlyResolvers[key](...answer);
        }
        const expected = await observe(sdk);
        assert.deepEqual(expected.metadata, [{ name: "a", uid: "u" }, true, true, [dependency, "self"]]);
        assert.deepEqual(await observe(lazy), expected, "read after the answer");
        assert.deepEqual(await observe(early), expected, "read before the answer");
        assert.deepEqual(
            Object.keys(answers).map((key) => early[key]),
            readBeforeTheAnswer,
            "one Output per property",
        );
        assert.deepEqual(Object.keys(lazy), Object.keys(sdk), "keys kept in place once read");

        const assigned = {} as Record<string, unknown>;
        lazyTransfer(assigned, "assigned", { metadata: undefined }).metadata("answered", true, false);
        assigned.metadata = "assigned";
        assert.equal(assigned.metadata, "assigned", "an assignment replaces the property, as on the SDK's plain one");
        assert.throws(() => lazyTransfer(assigned, "assigned", { metadata: undefined }), /Property 'metadata' is already initialized on target 'assigned/);
    });

    it("let registrations go on in waves, in the order started, a wave waiting on a later one not holding it up", async () => {
        let turn = 0;
        let counting = true;
        const count = () => counting && (turn++, setImmediate(count));
        count();
        const settledAt: number[] = [];
        let waitingUrn = "";
        try {
            await evaluateComponent((recorded) => {
                const root = new pulumi.ComponentResource("test:index:Root", "root", {}, recorded);
                let last: (resource: pulumi.Resource) => void = () => undefined;
                // In the first wave, it depends on the last resource, which is three waves later.
                const waiting = new k8s.core.v1.ConfigMap(
                    "waiting",
                    {},
                    { parent: root, dependsOn: new Promise<pulumi.Resource>((resolve) => (last = resolve)) },
                );
                waiting.urn.apply((urn) => (waitingUrn = urn));
                const maps = Array.from({ length: 3 * WAVE_SIZE }, (_, index) => new k8s.core.v1.ConfigMap(`map-${index}`, {}, { parent: root }));
                last(maps[maps.length - 1]);
                maps.forEach((map, index) => map.urn.apply(() => (settledAt[index] = turn)));
            });
        } finally {
            counting = false;
        }
        assert.deepEqual(
            settledAt,
            [...settledAt].sort((a, b) => a - b),
            "registered in the order they were started",
        );
        assert.ok(new Set(settledAt).size >= 3, `over at least three turns of the event loop, not one: ${[...new Set(settledAt)]}`);
        assert.match(waitingUrn, /::waiting$/, "the resource waiting on a later wave was registered");
    });
});
