// The add-on contract, checked over every registered add-on (and a fixture written the way
// docs/architecture.md "Adding an add-on" describes): registry hygiene, pinned charts with reference
// shapes and known values keys, labelled namespaces, exactly the capabilities declared,
// dependency order, plan-time errors for a missing dependency, and no add-on reaching
// into another's files.
import * as assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { ADDONS } from "../components/addons";
import type { AnyAddon } from "../components/addons/contract";
import { chartReference } from "../components/helmRelease";
import { evaluateProgram } from "../offline/evaluate";
import { runPlan } from "../offline/plan/runPlan";
import { readStackFile } from "../offline/stackFile";
import { runPlatformProgram } from "../program";
import { ConfigError } from "../stacks/configError";
import { parseStackConfig } from "../stacks/parse";
import { coreSections } from "../stacks/schema/core";
import { helloAddon, needsCrdsAddon } from "./fixtures/addons/hello";
import { chartCheck, unknownValueKeys } from "./harness/chartKeys";
import { PROJECT_ROOT, Resources, stackInput } from "./harness/evaluateStack";
import { validValues } from "./harness/fixtures";
import { chartValues } from "./harness/reference";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const NAMESPACE = "kubernetes:core/v1:Namespace";
const SECRETS = { "platform:externalIntegrationKey": "k" };
const WITH_FIXTURE: readonly AnyAddon[] = [...ADDONS, helloAddon];

/** Evaluates a default stack with these add-ons, recording what each deploy returned. */
async function evaluateWith(stack: string, addons: readonly AnyAddon[], extraConfig: Record<string, string> = {}) {
    const provided: Record<string, string[]> = {};
    const spied = addons.map((addon) => ({
        ...addon,
        deploy: (context: Parameters<AnyAddon["deploy"]>[0]) => {
            const result = addon.deploy(context);
            provided[addon.name] = Object.keys(result.capabilities);
            return result;
        },
    }));
    const evaluation = await evaluateProgram({
        ...stackInput(stack, { ...(stack === "dev" ? SECRETS : {}), ...extraConfig }),
        program: (rootOptions) => runPlatformProgram({ rootOptions, addons: spied }),
    });
    return { resources: new Resources(evaluation.resources, evaluation.outputs), provided };
}

describe("add-on contract", () => {
    let dev: Awaited<ReturnType<typeof evaluateWith>>;
    let prod: Awaited<ReturnType<typeof evaluateWith>>;
    before(async () => {
        dev = await evaluateWith("dev", ADDONS);
        prod = await evaluateWith("prod", ADDONS);
    });

    it("names every add-on, config section and namespace key once, apart from the core sections", () => {
        for (const field of ["name", "configKey"] as const) {
            const values = ADDONS.map((addon) => addon[field]);
            assert.equal(new Set(values).size, values.length, field);
        }
        const namespaceKeys: string[] = ADDONS.flatMap((addon) => (addon.namespace ? [addon.namespace.key] : []));
        assert.equal(new Set(namespaceKeys).size, namespaceKeys.length);
        assert.ok(!namespaceKeys.includes("apps"));
        for (const addon of ADDONS) {
            assert.ok(![...Object.keys(coreSections), "namespaces"].includes(addon.configKey), addon.configKey);
        }
    });

    for (const addon of ADDONS) {
        describe(`${addon.name}`, () => {
            const active = (stack: "dev" | "prod") => (addon.runsOn as readonly string[]).includes(stack === "dev" ? "kind" : "eks");
            const stacks = (["dev", "prod"] as const).filter(active);

            it("pins each chart to an exact version from an https or oci repository, with a reference shape", () => {
                for (const chart of addon.charts) {
                    assert.match(chart.version, /^v?\d+\.\d+\.\d+$/, chart.chart);
                    assert.match(chart.repo, /^(https|oci):\/\//, chart.chart);
                    assert.ok(chartValues(chart.chart, chart.version), `test/fixtures/reference/charts/${chart.chart}-${chart.version}.shape.json`);
                }
            });

            it("names schema packages that are installed", () => {
                for (const pkg of Object.values(addon.models ?? {})) {
                    assert.ok(require.resolve(`${pkg}/package.json`), pkg);
                }
            });

            it("returns exactly the capabilities it declares", () => {
                for (const stack of stacks) {
                    const result = (stack === "dev" ? dev : prod).provided[addon.name];
                    assert.deepEqual(result?.sort(), [...addon.provides].sort(), stack);
                }
            });

            it("sets only values keys its pinned charts define", () => {
                for (const stack of stacks) {
                    const resources = (stack === "dev" ? dev : prod).resources;
                    for (const release of resources.ofType(RELEASE)) {
                        const inputs = release.inputs as any;
                        const chart = addon.charts.find((pinned) => chartReference(pinned) === inputs.chart);
                        if (chart) {
                            assert.equal(inputs.version, chart.version);
                            assert.deepEqual(unknownValueKeys(inputs.values, chartCheck(chart)), [], `${stack}: ${release.name}`);
                        }
                    }
                }
            });

            if (addon.namespace) {
                it(`runs in its own namespace, labelled for Pod Security '${addon.namespace.podSecurity}'`, () => {
                    for (const stack of stacks) {
                        const namespace = (stack === "dev" ? dev : prod).resources.get(NAMESPACE, addon.namespace!.defaultName).inputs as any;
                        assert.equal(namespace.metadata.labels["pod-security.kubernetes.io/enforce"], addon.namespace!.podSecurity, stack);
                    }
                });
            }
        });
    }

    it("deploys nothing of an add-on on a cluster type it does not run on", () => {
        assert.equal(dev.provided.ecr, undefined);
        assert.deepEqual(
            dev.resources.all.filter((r) => r.type.startsWith("aws:")),
            [],
        );
        assert.ok(prod.provided.ecr);
    });

    it("refuses, at plan time and naming both add-ons, a required capability whose provider is off", () => {
        const values = { ...validValues(), monitoring: { enabled: false } };
        assert.throws(
            () => parseStackConfig({ stack: "test", values }, { addons: [...ADDONS, needsCrdsAddon] }),
            (error: unknown) =>
                error instanceof ConfigError &&
                error.problems.some(
                    (p) =>
                        p.key === "needsCrds" &&
                        /add-on 'needs-crds' needs the capability 'prometheusOperatorCrds', which add-on 'monitoring' provides, but it is off \(monitoring\.enabled\)/.test(
                            p.message,
                        ),
                ),
        );
        assert.doesNotThrow(() => parseStackConfig({ stack: "test", values: validValues() }, { addons: [...ADDONS, needsCrdsAddon] }));
    });

    it("refuses a section no registered add-on owns", () => {
        assert.throws(
            () => parseStackConfig({ stack: "test", values: { ...validValues(), hello: { enabled: true } } }),
            (error: unknown) => error instanceof ConfigError && error.problems.some((p) => p.key === "hello" && /unknown config key/.test(p.message)),
        );
    });

    it("keeps each add-on's files to itself: add-ons meet only through capabilities", () => {
        const root = join(PROJECT_ROOT, "components/addons");
        const folders = readdirSync(root, { withFileTypes: true })
            .filter((entry) => entry.isDirectory())
            .map((entry) => entry.name);
        for (const folder of folders) {
            for (const file of readdirSync(join(root, folder)).filter((name) => name.endsWith(".ts"))) {
                const text = readFileSync(join(root, folder, file), "utf8");
                const imports = [...text.matchAll(/(?:from|require\()\s*"([^"]+)"/g)].map((match) => match[1]);
                const sibling = imports.find((path) =>
                    folders.some((other) => other !== folder && (path.startsWith(`../${other}`) || path.includes(`/addons/${other}`))),
                );
                assert.equal(sibling, undefined, `${folder}/${file} imports ${sibling}`);
            }
        }
    });
});

describe("a Helm add-on added as docs/architecture.md 'Adding an add-on' describes (fixture)", () => {
    it("is planned: its release in its own restricted namespace, its output", async () => {
        const { resources, provided } = await evaluateWith("dev", WITH_FIXTURE, { "platform:hello": JSON.stringify({ enabled: true, replicas: 2 }) });
        const release = resources.get(RELEASE, "hello").inputs as any;
        assert.deepEqual([release.chart, release.version, release.namespace, release.values.replicaCount], ["podinfo", "6.7.1", "hello", 2]);
        assert.equal((resources.get(NAMESPACE, "hello").inputs as any).metadata.labels["pod-security.kubernetes.io/enforce"], "restricted");
        assert.deepEqual(provided.hello, []);
        assert.equal(resources.outputs.hello, "kubectl -n hello port-forward svc/hello-podinfo 9898");
    });

    it("is ordered after the add-on whose capability it uses, and without it when that one is off", async () => {
        const on = await evaluateWith("dev", WITH_FIXTURE, { "platform:hello": JSON.stringify({ enabled: true }) });
        assert.ok(on.resources.get(RELEASE, "hello").dependsOn.includes(`${RELEASE}::monitoring-kube-prometheus-stack`));
        assert.equal((on.resources.get(RELEASE, "hello").inputs as any).values.serviceMonitor.enabled, true);
        // Without monitoring no app may scale on Prometheus triggers: the dev apps without them.
        const apps = JSON.parse(readStackFile(PROJECT_ROOT, "dev").config["platform:apps"]).map((app: any) => ({
            ...app,
            autoscaling: { ...app.autoscaling, metrics: undefined },
        }));
        const off = await evaluateWith("dev", WITH_FIXTURE, {
            "platform:hello": JSON.stringify({ enabled: true }),
            "platform:monitoring": JSON.stringify({ enabled: false }),
            "platform:apps": JSON.stringify(apps),
        });
        assert.equal((off.resources.get(RELEASE, "hello").inputs as any).values.serviceMonitor.enabled, false);
    });

    it("is validated like the real ones: config errors name its keys, its namespace is its own, the plan passes", async () => {
        assert.throws(
            () => parseStackConfig({ stack: "test", values: { ...validValues(), hello: { enabled: true, replica: 2 } } }, { addons: WITH_FIXTURE }),
            (error: unknown) => error instanceof ConfigError && error.problems.some((p) => p.key === "hello.replica" && /unknown key/.test(p.message)),
        );
        assert.throws(
            () =>
                parseStackConfig(
                    { stack: "test", values: { ...validValues(), hello: { enabled: true }, namespaces: { hello: "apps" } } },
                    { addons: WITH_FIXTURE },
                ),
            (error: unknown) => error instanceof ConfigError && error.problems.some((p) => /the hello namespace \(namespaces\.hello\)/.test(p.message)),
        );
        const result = await runPlan({
            projectRoot: PROJECT_ROOT,
            stack: "dev",
            outDir: join(tmpdir(), `plan-hello-${process.pid}`),
            extraConfig: { "platform:hello": JSON.stringify({ enabled: true }) },
            program: (options) => runPlatformProgram({ ...options, addons: WITH_FIXTURE }),
        });
        assert.deepEqual(result.violations, []);
        assert.ok(result.resources.some((r) => r.type === RELEASE && r.name === "hello"));
    });
});
