import * as assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { load } from "js-yaml";
import { kindClusterConfig, kindCreateCommand, kindLoadImagesCommand } from "../components/cluster/kindConfig";
import { isSecretMarker } from "../offline/secretValues";
import { KIND_NODE_IMAGE } from "../stacks/schema/cluster";
import { PROJECT_ROOT, Resources, evaluateConfig, evaluateStackFile } from "./harness/evaluateStack";
import { validValues } from "./harness/fixtures";
import { NODE_ARGS } from "./harness/source";

const COMMAND = "command:local:Command";

function kindValues(cluster: Record<string, unknown>) {
    const values = validValues();
    values.cluster = { type: "kind", ...cluster };
    return values;
}

describe("kind cluster (dev)", () => {
    let dev: Resources;
    before(async () => {
        dev = await evaluateStackFile("dev", { "platform:externalIntegrationKey": "k" });
    });

    it("creates and deletes the cluster with the kind CLI, from a config with the pinned node image", () => {
        const cluster = dev.get(COMMAND, "kind-cluster").inputs as any;
        assert.match(cluster.create, /kind create cluster --name 'platform-dev' --config - --wait 180s/);
        assert.match(cluster.delete, /kind delete cluster --name 'platform-dev'/);
        const config = load(cluster.stdin) as any;
        assert.equal(config.name, "platform-dev");
        assert.deepEqual(config.nodes.map((n: any) => n.role), ["control-plane", "worker"]);
        assert.ok(config.nodes.every((n: any) => n.image === KIND_NODE_IMAGE));
        assert.match(KIND_NODE_IMAGE, /^kindest\/node:v1\.\d+\.\d+@sha256:[0-9a-f]{64}$/);
        assert.deepEqual(config.nodes[0].extraPortMappings[0], { containerPort: 30080, hostPort: 8080, protocol: "TCP" });
        assert.deepEqual(cluster.triggers, [cluster.stdin], "a changed kind config recreates the cluster");
    });

    it("builds the provider from the kind kubeconfig, kept secret, with a stable identity", () => {
        const provider = dev.get("pulumi:providers:kubernetes", "cluster");
        assert.equal(provider.parent, "platform:cluster:KindCluster::cluster");
        assert.ok(isSecretMarker(provider.inputs.kubeconfig), "the kubeconfig is a secret");
        assert.equal(provider.inputs.clusterIdentifier, "kind:platform-dev");
        assert.equal(provider.inputs.deleteUnreachable, "true");
        assert.deepEqual(dev.get(COMMAND, "kind-kubeconfig").dependsOn, [`${COMMAND}::kind-cluster`]);
        assert.match((dev.get(COMMAND, "kind-kubeconfig").inputs as any).create, /kind get kubeconfig --name 'platform-dev'/);
    });

    it("registers no AWS resource", () => {
        assert.deepEqual(dev.all.filter((r) => /^(aws|awsx|eks):/.test(r.type)).map((r) => r.type), []);
    });

    it("does not load the AWS packages", () => {
        const script = `
            const { evaluateStackFile } = require("./test/harness/evaluateStack.ts");
            evaluateStackFile("dev", { "platform:externalIntegrationKey": "k" }).then(() => {
                const loaded = Object.keys(require.cache).filter((path) => /node_modules[\\\\/]@pulumi[\\\\/](aws|awsx|eks)[\\\\/]/.test(path));
                console.log(JSON.stringify(loaded));
            });`;
        const loaded = JSON.parse(execFileSync(process.execPath, [...NODE_ARGS, "-e", script], { cwd: PROJECT_ROOT, encoding: "utf8" }).trim().split("\n").pop()!);
        assert.deepEqual(loaded, []);
    });

    it("exposes apps on the mapped host ports", () => {
        assert.deepEqual(dev.outputs.appAccess, { "backend-api": "http://localhost:8080", "data-api": "http://localhost:8081" });
        assert.equal((dev.get("kubernetes:core/v1:Service", "backend-api").inputs.spec as any).type, "NodePort");
        assert.equal((dev.get("kubernetes:core/v1:Service", "backend-api").inputs.spec as any).ports[0].nodePort, 30080);
    });

    it("loads the listed local images into the nodes, again when the list changes", async () => {
        const resources = await evaluateConfig(kindValues({ loadImages: ["backend-api:dev-1"] }));
        const load = resources.get(COMMAND, "kind-load-images");
        assert.match((load.inputs as any).create, /kind load docker-image --name 'platform-test' 'backend-api:dev-1'/);
        assert.ok((load.inputs as any).triggers.includes("backend-api:dev-1"));
        assert.deepEqual(load.dependsOn, [`${COMMAND}::kind-cluster`]);
        assert.ok(resources.get("platform:index:Namespaces", "namespaces").dependsOn.includes(`${COMMAND}::kind-load-images`));
        assert.equal((await evaluateConfig(kindValues({}))).find(COMMAND, "kind-load-images"), undefined);
    });
});

describe("kind commands", () => {
    it("writes a worker node per configured worker", () => {
        const config = load(kindClusterConfig("c", { type: "kind", nodeImage: KIND_NODE_IMAGE, workers: 3, portMappings: [], loadImages: [] })) as any;
        assert.equal(config.nodes.length, 4);
        assert.equal(config.nodes[0].extraPortMappings, undefined);
    });

    /** Runs a command script with a PATH holding only stub tools and the shell basics. */
    function runWithTools(script: string, tools: Record<string, string>) {
        const bin = mkdtempSync(join(tmpdir(), "kind-tools-"));
        for (const [tool, body] of Object.entries({ grep: 'exec /bin/grep "$@"', ...tools })) {
            writeFileSync(join(bin, tool), `#!/bin/sh\n${body}\n`);
            chmodSync(join(bin, tool), 0o755);
        }
        return spawnSync("/bin/sh", ["-c", script], { env: { PATH: bin }, encoding: "utf8" });
    }

    it("tells the user to install kind when it is missing", () => {
        const result = runWithTools(kindCreateCommand("c"), {});
        assert.equal(result.status, 1);
        assert.match(result.stderr, /kind is not installed: install it from https:\/\/kind\.sigs\.k8s\.io/);
    });

    it("tells the user to start Docker when the engine is not running", () => {
        const result = runWithTools(kindCreateCommand("c"), { kind: "exit 0", docker: "exit 1" });
        assert.equal(result.status, 1);
        assert.match(result.stderr, /Docker is not running or not installed/);
    });

    it("keeps an existing cluster of the same name instead of failing", () => {
        const result = runWithTools(kindCreateCommand("c"), { kind: '[ "$1 $2" = "get clusters" ] && echo c; exit 0', docker: "exit 0" });
        assert.equal(result.status, 0);
        assert.match(result.stdout, /kind cluster c already exists/);
    });

    it("refuses to load an image the local engine does not have", () => {
        const result = runWithTools(kindLoadImagesCommand("c", ["app:1"]), { kind: "exit 0", docker: '[ "$1" = "info" ] && exit 0; exit 1' });
        assert.equal(result.status, 1);
        assert.match(result.stderr, /image app:1 is not in the local Docker engine/);
    });
});
