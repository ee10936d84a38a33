import * as assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { loadAll } from "js-yaml";

import { PlanError } from "../../offline/plan/planError";
import { runPlan, type PlanResult } from "../../offline/plan/runPlan";
import type { ProgramOptions } from "../../program";
import { PROJECT_ROOT } from "../harness/evaluateStack";
import { scratchDir } from "../harness/scratchDir";

const PLAN_FIELDS = ["type", "name", "parent", "provider", "dependsOn", "protect", "inputs"];
const PROVIDER = "pulumi:providers:kubernetes::cluster";

/** A resource of any type token, as provider SDKs register them. */
class Raw extends pulumi.CustomResource {
    constructor(type: string, name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
        super(type, name, props, opts);
    }
}

describe("offline plan of the dev stack", () => {
    let outDir: string;
    let result: PlanResult;
    let written: any[];
    before(async () => {
        outDir = mkdtempSync(join(tmpdir(), "plan-dev-"));
        result = await runPlan({ projectRoot: PROJECT_ROOT, stack: "dev", outDir });
        written = JSON.parse(readFileSync(join(outDir, "resources.json"), "utf8"));
    });
    after(() => rmSync(outDir, { recursive: true, force: true }));

    it("passes every schema check and policy", () => {
        assert.deepEqual(result.violations, []);
        assert.match(result.report, /Plan OK: no violations\./);
    });

    it("writes every resource in registration order with exactly the plan's fields", () => {
        assert.deepEqual(
            written.map((r) => `${r.type}::${r.name}`),
            result.resources.map((r) => `${r.type}::${r.name}`),
        );
        assert.equal(`${written[0].type}::${written[0].name}`, "platform:index:Platform::platform");
        // A parent registers before its children.
        const position = new Map(written.map((r, index) => [`${r.type}::${r.name}`, index]));
        for (const [index, resource] of written.entries()) {
            assert.ok(resource.parent === null || position.get(resource.parent)! < index, `${resource.type}::${resource.name}`);
        }
        for (const resource of written) {
            // `aliases` (former names) appears only on renamed resources, before the inputs.
            const fields = resource.aliases ? [...PLAN_FIELDS.slice(0, -1), "aliases", "inputs"] : PLAN_FIELDS;
            assert.deepEqual(Object.keys(resource), fields, `${resource.type}::${resource.name}`);
            assert.equal(typeof resource.protect, "boolean");
        }
        assert.deepEqual(written.find((r) => r.name === "monitoring-metrics-server")?.aliases, ["kubernetes:helm.sh/v3:Release::metrics-server"]);
    });

    it("records parents, providers and dependencies as type::name", () => {
        const find = (type: string, name: string) => written.find((r) => r.type === type && r.name === name);
        assert.equal(find("platform:index:Platform", "platform").parent, null);
        const deployment = find("kubernetes:apps/v1:Deployment", "data-api");
        assert.equal(deployment.parent, "platform:workloads:WebService::data-api");
        assert.equal(deployment.provider, PROVIDER);
        assert.equal(find("platform:index:Platform", "platform").provider, null);
        assert.deepEqual(find("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "data-api").dependsOn, ["kubernetes:apps/v1:Deployment::data-api"]);
    });

    it("writes one manifest per Kubernetes object, matching its type token", () => {
        // Helm releases and YAML files (the Gateway API CRDs) install objects rather than being one.
        const objects = written.filter((r) => r.type.startsWith("kubernetes:") && !/^kubernetes:(helm\.sh|yaml)\//.test(r.type));
        const documents = loadAll(readFileSync(join(outDir, "manifests.yaml"), "utf8")) as any[];
        assert.equal(documents.length, objects.length);
        for (const [index, document] of documents.entries()) {
            const [, module, kind] = objects[index].type.split(":");
            assert.equal(document.apiVersion, module.replace(/^core\//, ""));
            assert.equal(document.kind, kind);
            assert.equal(document.metadata.name, objects[index].inputs.metadata.name);
        }
    });

    it("warns that the secret is unset instead of failing, and summarises by component and type", () => {
        assert.ok(
            result.warnings.some((w) => w.startsWith("secret config key 'externalIntegrationKey' is not set")),
            result.warnings.join("\n"),
        );
        assert.match(
            result.report,
            /Warnings \(\d+\):\n(.*\n)* {2}- secret config key 'externalIntegrationKey' is not set \(used by apps\[0\]\.secretEnv\.EXTERNAL_INTEGRATION_KEY\)/,
        );
        assert.match(result.report, /Planned \d+ resources, by component \(kinds of its children\):\n/);
        assert.match(
            result.report,
            /\n {2}backend-api \(WebService\) +ServiceAccount 1, ConfigMap 1, Secret 1, Deployment 1, Service 1, ScaledObject 1, NetworkPolicy 1, ServiceMonitor 1, HTTPRoute 1\n/,
        );
        assert.match(result.report, /\n {2}cluster \(KindCluster\) +Command 2, Provider\(kubernetes\) 1\n/);
        assert.match(result.report, /Replacements: not known without a previous plan \(--against <dir>\)\./);
    });
});

describe("offline plan failures", () => {
    let outDir: string;
    beforeEach(() => (outDir = join(scratchDir("plan-fail"), "out")));

    it("names an unknown stack and the stacks there are", async () => {
        await assert.rejects(runPlan({ projectRoot: PROJECT_ROOT, stack: "staging", outDir }), (error: PlanError) => {
            assert.equal(error.exitCode, 2);
            assert.match(error.message, /^unknown stack 'staging': there is no Pulumi\.staging\.yaml in .*; stacks: dev/);
            return true;
        });
    });

    it("rejects invalid config with every key path and writes nothing", async () => {
        const extraConfig = { "platform:environment": "Dev Env", "platform:gitops": '{"enabled":"yes"}' };
        await assert.rejects(runPlan({ projectRoot: PROJECT_ROOT, stack: "dev", outDir, extraConfig }), (error: PlanError) => {
            assert.equal(error.exitCode, 2);
            assert.match(error.message, /^Invalid config for stack 'dev' \(2 problems\):/);
            assert.match(error.message, / {2}- environment: must be a DNS-1123 label/);
            assert.match(error.message, / {2}- gitops\.enabled: /);
            return true;
        });
        assert.equal(existsSync(outDir), false);
    });

    it("reports schema and policy violations of what the program declares, naming object and field", async () => {
        const program = (options: ProgramOptions) => {
            const root = new pulumi.ComponentResource("test:index:Root", "root", {}, options.rootOptions);
            const provider = new k8s.Provider("cluster", { context: "kind-test" }, { parent: root });
            new k8s.core.v1.Service(
                "web",
                {
                    metadata: { name: "web", namespace: "apps", labels: { app: "web", env: "dev" } },
                    spec: { type: "LoadBalancer", ports: [{ port: 80, targetPort: "http" }] },
                },
                { parent: root, provider },
            );
            new k8s.apiextensions.CustomResource(
                "web-monitor",
                {
                    apiVersion: "monitoring.coreos.com/v1",
                    kind: "ServiceMonitor",
                    metadata: { name: "web", namespace: "apps", labels: { app: "web" } },
                    spec: { selector: {}, endpoint: [] },
                },
                { parent: root, provider },
            );
            return {};
        };
        const result = await runPlan({ projectRoot: PROJECT_ROOT, stack: "dev", outDir, program });
        assert.deepEqual(
            result.violations.map((v) => `[${v.check}] ${v.object}: ${v.message}`),
            [
                "[schema] ServiceMonitor/apps/web: spec: must have required property endpoints",
                "[schema] ServiceMonitor/apps/web: spec.endpoint: unknown field (did you mean 'endpoints'?)",
                "[no-load-balancer-in-dev] Service/apps/web: spec.type must not be LoadBalancer in dev (env=dev); use ClusterIP and kubectl port-forward",
                "[workload-labels] ServiceMonitor/apps/web: metadata.labels must include 'env'",
            ],
        );
        assert.match(result.report, /Violations \(4\):/);
        assert.match(result.report, /Plan FAILED: 4 violations\.$/);
        assert.ok(existsSync(join(outDir, "resources.json")), "the plan files are written for inspection");
    });
    it("handles any resource type: Helm releases and cloud resources are planned and policed, not rendered as manifests", async () => {
        const program = (options: ProgramOptions) => {
            const root = new pulumi.ComponentResource("test:index:Root", "root", {}, options.rootOptions);
            // `arn: undefined` declares the output the mocks fill in, as @pulumi/aws declares it.
            const key = new Raw("aws:kms/key:Key", "secrets", { description: "EKS secrets", arn: undefined }, { parent: root });
            new Raw("eks:index:Cluster", "main", { encryptionConfigKeyArn: (key as any).arn, endpointPublicAccess: false }, { parent: root });
            new Raw(
                "aws:ec2/launchTemplate:LaunchTemplate",
                "nodes",
                { metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 1 } },
                { parent: root },
            );
            new Raw(
                "aws:ecr/repository:Repository",
                "web",
                { imageTagMutability: "MUTABLE", imageScanningConfiguration: { scanOnPush: true } },
                { parent: root },
            );
            new Raw("kubernetes:helm.sh/v3:Release", "monitoring", { chart: "kube-prometheus-stack", version: "88.5.3" }, { parent: root, protect: true });
            return {};
        };
        const result = await runPlan({ projectRoot: PROJECT_ROOT, stack: "dev", outDir, program });
        assert.deepEqual(result.manifests, []);
        assert.equal(result.resources.find((r) => r.type === "kubernetes:helm.sh/v3:Release")!.protect, true);
        assert.deepEqual(
            result.violations.map((v) => `[${v.check}] ${v.object}`),
            ["[launch-template-imdsv2] aws:ec2/launchTemplate:LaunchTemplate::nodes", "[ecr-immutable-tags] aws:ecr/repository:Repository::web"],
        );
    });
});
