import * as assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";

import { kindClusterConfig, kindCreateCommand, kindKubeconfigCommand, kindLoadImagesCommand } from "../components/cluster/kindConfig";
import { isSecretMarker } from "../offline/secretValues";
import { readStackFile } from "../offline/stackFile";
import { KIND_NODE_IMAGE, KIND_VERSION } from "../stacks/schema/cluster";
import { evaluateConfig, evaluateStackFile, PROJECT_ROOT, Resources } from "./harness/evaluateStack";
import { validValues } from "./harness/fixtures";
import { scratchDir } from "./harness/scratchDir";
import { NODE_ARGS } from "./harness/source";

const COMMAND = "command:local:Command";

/** The cluster section of Pulumi.dev.yaml. */
function devCluster(): Record<string, unknown> {
    return JSON.parse(readStackFile(PROJECT_ROOT, "dev").config["platform:cluster"]);
}

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
        assert.deepEqual(
            config.nodes.map((n: any) => n.role),
            ["control-plane", "worker"],
        );
        assert.ok(config.nodes.every((n: any) => n.image === KIND_NODE_IMAGE));
        assert.match(KIND_NODE_IMAGE, /^kindest\/node:v1\.\d+\.\d+@sha256:[0-9a-f]{64}$/);
        // kind binds a mapping to 0.0.0.0 unless listenAddress is set (kind v0.32.0
        // pkg/cluster/internal/providers/docker/provision.go:369-372): loopback by default.
        assert.deepEqual(config.nodes[0].extraPortMappings[0], { containerPort: 31080, hostPort: 80, listenAddress: "127.0.0.1", protocol: "TCP" });
        assert.deepEqual(cluster.triggers, [cluster.stdin], "a changed kind config recreates the cluster");
    });

    it("builds the provider from the kind kubeconfig, kept secret, identified by the cluster's instance", () => {
        const provider = dev.get("pulumi:providers:kubernetes", "cluster");
        assert.equal(provider.parent, "platform:cluster:KindCluster::cluster");
        assert.ok(isSecretMarker(provider.inputs.kubeconfig), "the kubeconfig is a secret");
        assert.match(provider.inputs.clusterIdentifier as string, /^kind:platform-dev@[0-9a-f]{12}$/);
        assert.equal(provider.inputs.deleteUnreachable, "true");
        assert.deepEqual(dev.get(COMMAND, "kind-kubeconfig").dependsOn, [`${COMMAND}::kind-cluster`]);
        assert.match((dev.get(COMMAND, "kind-kubeconfig").inputs as any).create, /kind get kubeconfig --name 'platform-dev'/);
    });

    it("registers no AWS resource", () => {
        assert.deepEqual(
            dev.all.filter((r) => /^(aws|awsx|eks):/.test(r.type)).map((r) => r.type),
            [],
        );
    });

    it("does not load the AWS packages", () => {
        const script = `
            const { evaluateStackFile } = require("./test/harness/evaluateStack.ts");
            evaluateStackFile("dev", { "platform:externalIntegrationKey": "k" }).then(() => {
                const loaded = Object.keys(require.cache).filter((path) => /node_modules[\\\\/]@pulumi[\\\\/](aws|awsx|eks)[\\\\/]/.test(path));
                console.log(JSON.stringify(loaded));
            });`;
        const loaded = JSON.parse(
            execFileSync(process.execPath, [...NODE_ARGS, "-e", script], { cwd: PROJECT_ROOT, encoding: "utf8" })
                .trim()
                .split("\n")
                .pop()!,
        );
        assert.deepEqual(loaded, []);
    });

    // kind maps host ports 80 and 443 (127.0.0.1) to the proxy's node ports 31080 and 31443;
    // the apps' Services stay ClusterIP and are reached through the Gateway.
    it("reaches the apps at https://<app>.localhost through the Gateway's host ports", () => {
        assert.deepEqual(dev.outputs.appUrls, { "backend-api": "https://backend-api.localhost/", "data-api": "https://data-api.localhost/" });
        assert.equal((dev.get("kubernetes:core/v1:Service", "backend-api").inputs.spec as any).type, "ClusterIP");
        const mappings = readStackFile(PROJECT_ROOT, "dev").config["platform:cluster"];
        assert.match(mappings, /"containerPort":31443,"hostPort":443/);
        assert.deepEqual(dev.outputs.appAccess, {
            "backend-api": "kubectl -n backend-namespace port-forward svc/backend-api 8080:80",
            "data-api": "kubectl -n data-namespace port-forward svc/data-api 8080:80",
        });
    });

    // A changed kind config replaces the kind-cluster command (its triggers), and the new
    // cluster has a new control-plane container: the identifier changes with it, so the
    // provider is replaced and every object is created again in the new cluster
    // (pulumi-kubernetes provider/pkg/provider/provider.go:486-503: only a changed
    // clusterIdentifier replaces the provider).
    it("plans another clusterIdentifier when the cluster is recreated, e.g. with one more worker", async () => {
        const identifier = (resources: Resources) => resources.get("pulumi:providers:kubernetes", "cluster").inputs.clusterIdentifier;
        const twoWorkers = await evaluateStackFile("dev", {
            "platform:externalIntegrationKey": "k",
            "platform:cluster": JSON.stringify({ ...devCluster(), workers: 2 }),
        });
        assert.notEqual(identifier(twoWorkers), identifier(dev));
        assert.match(identifier(twoWorkers) as string, /^kind:platform-dev@/);
        const again = await evaluateStackFile("dev", { "platform:externalIntegrationKey": "k" });
        assert.equal(identifier(again), identifier(dev), "the same config is the same cluster");
    });

    // Host traffic reaches the pod through the control-plane's node port from a node or host
    // address; kindnetd enforces NetworkPolicy with kube-network-policies, which judges packets
    // before SNAT (kube-network-policies v1.1.1 pkg/dataplane/controller.go:521-531). The pod
    // network is kind's default, 10.244.0.0/16 (kind v0.32.0 pkg/apis/config/v1alpha4/default.go:51-52).
    it("admits node-port traffic from outside the pod network, on the container port only", async () => {
        const values = kindValues({ portMappings: [{ containerPort: 30080, hostPort: 8080 }] });
        values.apps[0].nodePort = 30080;
        const resources = await evaluateConfig(values, { webApiKey: "k" });
        const ingress = (resources.get("kubernetes:networking.k8s.io/v1:NetworkPolicy", "web").inputs.spec as any).ingress;
        assert.deepEqual(ingress[2], { from: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.244.0.0/16"] } }], ports: [{ port: 9898, protocol: "TCP" }] });
        assert.equal(ingress.length, 3);
    });

    it("admits the Envoy proxy pods of the shared Gateway on the container port, and no node-port traffic once the app has no node port", () => {
        const ingress = (dev.get("kubernetes:networking.k8s.io/v1:NetworkPolicy", "backend-api").inputs.spec as any).ingress;
        assert.deepEqual(ingress[0].ports, [{ port: 9898, protocol: "TCP" }]);
        assert.deepEqual(ingress[0].from.at(-1), {
            namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "envoy-gateway-system" } },
            podSelector: {
                matchLabels: {
                    "app.kubernetes.io/name": "envoy",
                    "app.kubernetes.io/component": "proxy",
                    "gateway.envoyproxy.io/owning-gateway-name": "platform",
                    "gateway.envoyproxy.io/owning-gateway-namespace": "envoy-gateway-system",
                },
            },
        });
        assert.equal(ingress.length, 2, "its namespace and the proxy, then Prometheus: nothing from outside the pod network");
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
        const bin = scratchDir("kind-tools");
        for (const [tool, body] of Object.entries({ grep: 'exec /bin/grep "$@"', ...tools })) {
            writeFileSync(join(bin, tool), `#!/bin/sh\n${body}\n`);
            chmodSync(join(bin, tool), 0o755);
        }
        return spawnSync("/bin/sh", ["-c", script], { env: { PATH: bin }, encoding: "utf8" });
    }

    it("tells the user to install kind when it is missing", () => {
        const result = runWithTools(kindCreateCommand("c", "digest"), {});
        assert.equal(result.status, 1);
        assert.match(result.stderr, /kind is not installed: install it from https:\/\/kind\.sigs\.k8s\.io/);
    });

    // kind v0.32.0 pkg/cmd/kind/version/version.go:54-58: `kind version` prints `kind v<semver> <go> <os>/<arch>`.
    const TEXT_TOOLS = { sed: 'exec /usr/bin/sed "$@"', awk: 'exec /usr/bin/awk "$@"' };
    const kindAt = (version: string) => `[ "$1" = version ] && { echo "kind ${version} go1.26.8 linux/amd64"; exit 0; }; exit 0`;

    it("refuses a kind CLI older than components/cluster/kind.json, naming both versions, before touching Docker", () => {
        const [major, minor] = KIND_VERSION.replace(/^v/, "").split(".").map(Number);
        const older = `v${major}.${minor - 1}.9`;
        for (const command of [kindCreateCommand("c", "digest"), kindKubeconfigCommand("c"), kindLoadImagesCommand("c", ["app:1"])]) {
            const result = runWithTools(command, { ...TEXT_TOOLS, kind: kindAt(older), docker: "echo docker was called >&2; exit 1" });
            assert.equal(result.status, 1);
            assert.match(result.stderr, new RegExp(`kind ${older.replace(/\./g, "\\.")} is older than ${KIND_VERSION.replace(/\./g, "\\.")}`));
            assert.doesNotMatch(result.stderr, /docker was called/);
        }
        // The pinned release, a newer patch, a newer minor and a pre-release of the next one pass on to Docker.
        for (const version of [
            KIND_VERSION,
            `v${major}.${minor}.7`,
            `v${major}.${minor + 1}.0`,
            `v${major}.${minor + 1}.0-alpha.3+0123456789abcd`,
            `v${major + 1}.0.0`,
        ]) {
            const result = runWithTools(kindCreateCommand("c", "digest"), { ...TEXT_TOOLS, kind: kindAt(version), docker: "exit 1" });
            assert.match(result.stderr, /Docker is not running/, version);
        }
    });

    it("tells the user to start Docker when the engine is not running", () => {
        const result = runWithTools(kindCreateCommand("c", "digest"), { kind: "exit 0", docker: "exit 1" });
        assert.equal(result.status, 1);
        assert.match(result.stderr, /Docker is not running or not installed/);
    });

    // Stub docker: `exec <node> cat <marker>` prints the recorded digest, `inspect` the container ID.
    const docker = (recorded: string) => `case "$1" in info) exit 0;; exec) echo '${recorded}';; inspect) echo 0123456789abcdef0123;; esac`;
    const existingCluster = '[ "$1 $2" = "get clusters" ] && echo c; exit 0';

    it("refuses a cluster of the same name that this config did not create, saying how to proceed", () => {
        const result = runWithTools(kindCreateCommand("c", "digest-of-this-config"), { kind: existingCluster, docker: docker("digest-of-another-config") });
        assert.equal(result.status, 1);
        assert.match(result.stderr, /a kind cluster named c already exists, but this stack's cluster config did not create it/);
        assert.match(result.stderr, /kind delete cluster --name c/);
        assert.equal(result.stdout, "");
    });

    it("keeps a cluster this config created, and prints its control-plane container's ID", () => {
        const result = runWithTools(kindCreateCommand("c", "digest-of-this-config"), { kind: existingCluster, docker: docker("digest-of-this-config") });
        assert.equal(result.status, 0, result.stderr);
        assert.equal(result.stdout, "0123456789abcdef0123\n");
    });

    it("creates a missing cluster, records the config's digest in its node, and prints only the container ID", () => {
        const log = join(scratchDir("kind-log"), "calls");
        const result = runWithTools(kindCreateCommand("c", "d1"), {
            kind: `echo "kind $*" >> ${log}; [ "$1" = create ] && echo "Set kubectl context to kind-c"; exit 0`,
            docker: `echo "docker $*" >> ${log}; ${docker("")}`,
        });
        assert.equal(result.status, 0, result.stderr);
        assert.equal(result.stdout, "0123456789abcdef0123\n", "kind's own stdout goes to stderr");
        const calls = readFileSync(log, "utf8");
        assert.match(calls, /kind create cluster --name c --config - --wait 180s/);
        assert.match(calls, /docker exec c-control-plane sh -c echo d1 > \/kind\/platform-config\.sha256/);
    });

    it("refuses to load an image the local engine does not have", () => {
        const result = runWithTools(kindLoadImagesCommand("c", ["app:1"]), { kind: "exit 0", docker: '[ "$1" = "info" ] && exit 0; exit 1' });
        assert.equal(result.status, 1);
        assert.match(result.stderr, /image app:1 is not in the local Docker engine/);
    });
});

describe("the kind version", () => {
    // kind v0.32.0 pkg/apis/config/defaults/image.go:21: the node image built for that release, by digest.
    it("is set in one place, components/cluster/kind.json, with the node image of its release", () => {
        const kind = JSON.parse(readFileSync(join(PROJECT_ROOT, "components/cluster/kind.json"), "utf8"));
        assert.deepEqual(kind, {
            version: "v0.32.0",
            nodeImage: "kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5",
        });
        assert.equal(KIND_NODE_IMAGE, kind.nodeImage);
        const files = execFileSync("git", ["ls-files"], { cwd: PROJECT_ROOT, encoding: "utf8" })
            .split("\n")
            .filter((file) => /\.(ts|ya?ml|md|json)$/.test(file) && !file.startsWith("test/") && file !== "package-lock.json");
        for (const file of files) {
            const text = readFileSync(join(PROJECT_ROOT, file), "utf8");
            const versions = [...text.matchAll(/\bkind\b[^\n]{0,60}?\b(v0\.\d+\.\d+)\b/gi)].map((match) => match[1]);
            assert.deepEqual(
                versions.filter((version) => version !== kind.version),
                [],
                `${file} names another kind version`,
            );
        }
    });
});
