import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadAll } from "js-yaml";

import { applierRules } from "../components/addons/gitops/applier";
import { parseStackConfig } from "../stacks/parse";
import { evaluateStackFile, PROJECT_ROOT } from "./harness/evaluateStack";
import { validValues } from "./harness/fixtures";

type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; [key: string]: any };

const GITOPS = join(PROJECT_ROOT, "gitops");
const ENVIRONMENTS = { dev: "test", prod: "prod" } as const;

function kubectlAvailable(): boolean {
    return spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" }).status === 0;
}

/** `kubectl kustomize <dir>`, parsed; fails the test with kustomize's message. */
function build(dir: string): K8sObject[] {
    const result = spawnSync("kubectl", ["kustomize", dir], { encoding: "utf8" });
    assert.equal(result.status, 0, `kubectl kustomize ${dir} failed:\n${result.stderr}`);
    return loadAll(result.stdout) as K8sObject[];
}

const byKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);
const one = (objects: K8sObject[], kind: string) => {
    const found = byKind(objects, kind);
    assert.equal(found.length, 1, `expected one ${kind}, got ${found.length}`);
    return found[0];
};

/** Leaf paths where two objects differ, with hash suffixes of generated names removed. */
function differences(a: unknown, b: unknown, path = ""): string[] {
    if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
        const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
        return [...keys].flatMap((key) => differences((a as any)[key], (b as any)[key], path ? `${path}.${key}` : key));
    }
    return a === b ? [] : [path];
}

describe("GitOps tree (kubectl kustomize)", function () {
    before(function () {
        if (!kubectlAvailable()) {
            console.warn("\n    skipped: kubectl is not on PATH; install kubectl (it bundles kustomize) to build the GitOps tree");
            this.skip();
        }
    });

    for (const [cluster, env] of Object.entries(ENVIRONMENTS)) {
        describe(`clusters/${cluster} (the ${env} overlay)`, () => {
            let objects: K8sObject[];
            before(() => {
                objects = build(join(GITOPS, "clusters", cluster));
            });

            it("builds the helloworld service account, message ConfigMap, Deployment, Service and HTTPRoute", () => {
                assert.deepEqual(objects.map((o) => o.kind).sort(), ["ConfigMap", "Deployment", "HTTPRoute", "NetworkPolicy", "Service", "ServiceAccount"]);
                for (const object of objects) {
                    assert.equal(object.metadata.namespace, "helloworld", `${object.kind} namespace`);
                }
            });

            it("holds only what Flux's service account may write: kinds its ClusterRole lists, in the namespaces the stack lets the tree own", () => {
                const { kustomization } = parseStackConfig({ stack: "test", values: validValues() }).settings.gitops;
                const writable = applierRules().filter((rule) => rule.verbs.includes("create") && rule.verbs.includes("patch"));
                for (const object of objects) {
                    const group = object.apiVersion.includes("/") ? object.apiVersion.split("/")[0] : "";
                    const resource = object.kind.toLowerCase().replace(/y$/, "ie") + "s";
                    assert.ok(
                        kustomization.namespaces.includes(object.metadata.namespace!),
                        `${object.kind}/${object.metadata.name} in ${object.metadata.namespace}`,
                    );
                    assert.ok(
                        writable.some((rule) => rule.apiGroups.includes(group) && rule.resources.includes(resource)),
                        `${group}/${resource} is not writable by the applier`,
                    );
                }
            });

            it(`labels every object app=helloworld and env=${env}`, () => {
                for (const object of objects) {
                    assert.equal(object.metadata.labels?.app, "helloworld", `${object.kind}/${object.metadata.name}`);
                    assert.equal(object.metadata.labels?.env, env, `${object.kind}/${object.metadata.name}`);
                }
                const deployment = one(objects, "Deployment");
                assert.deepEqual(deployment.spec.selector.matchLabels, { app: "helloworld", env });
                assert.deepEqual(one(objects, "Service").spec.selector, { app: "helloworld", env });
                assert.equal(deployment.spec.template.metadata.labels.env, env);
            });

            it("serves the message from the generated ConfigMap, referenced by its hashed name", () => {
                const configMap = one(objects, "ConfigMap");
                assert.match(configMap.metadata.name, /^helloworld-message-[a-z0-9]{10}$/);
                assert.equal(configMap.data.message, `Hello from ${env}`);
                const container = one(objects, "Deployment").spec.template.spec.containers[0];
                assert.deepEqual(container.env, [
                    { name: "PODINFO_UI_MESSAGE", valueFrom: { configMapKeyRef: { name: configMap.metadata.name, key: "message" } } },
                ]);
            });

            it("runs a tag-pinned image under the restricted security context, with requests, limits and probes", () => {
                const pod = one(objects, "Deployment").spec.template.spec;
                const container = pod.containers[0];
                assert.match(container.image, /^ghcr\.io\/stefanprodan\/podinfo:\d+\.\d+\.\d+$/);
                assert.deepEqual(pod.securityContext, {
                    runAsNonRoot: true,
                    runAsUser: 10001,
                    runAsGroup: 10001,
                    fsGroup: 10001,
                    seccompProfile: { type: "RuntimeDefault" },
                });
                assert.deepEqual(container.securityContext, {
                    allowPrivilegeEscalation: false,
                    readOnlyRootFilesystem: true,
                    runAsNonRoot: true,
                    capabilities: { drop: ["ALL"] },
                    seccompProfile: { type: "RuntimeDefault" },
                });
                assert.ok(
                    container.resources.requests.cpu &&
                        container.resources.requests.memory &&
                        container.resources.limits.cpu &&
                        container.resources.limits.memory,
                );
                assert.equal(container.readinessProbe.httpGet.path, "/readyz");
                assert.equal(container.livenessProbe.httpGet.path, "/healthz");
                assert.equal(pod.automountServiceAccountToken, false);
            });

            // The default stacks put the tree's namespace under a team: default deny but DNS. The
            // tree admits the shared Gateway's proxy pods, as the platform's own apps do (their
            // NetworkPolicy's peer for the proxy, in the dev plan), to the port the route reaches.
            it("admits the shared Gateway's proxy pods to helloworld's container port, and nothing else", async () => {
                const policy = one(objects, "NetworkPolicy");
                const template = one(objects, "Deployment").spec.template;
                assert.ok(
                    Object.entries(policy.spec.podSelector.matchLabels).every(([key, value]) => template.metadata.labels[key] === value),
                    "selects helloworld's pods",
                );
                assert.deepEqual(policy.spec.policyTypes, ["Ingress"], "egress stays as the namespace's baseline has it");
                const [rule] = policy.spec.ingress;
                assert.equal(policy.spec.ingress.length, 1);
                assert.deepEqual(rule.ports, [{ port: template.spec.containers[0].ports.find((p: any) => p.name === "http").containerPort, protocol: "TCP" }]);
                const dev = await evaluateStackFile("dev", { "platform:externalIntegrationKey": "k" });
                const appPolicy = dev.get("kubernetes:networking.k8s.io/v1:NetworkPolicy", "backend-api").inputs as any;
                const proxy = appPolicy.spec.ingress[0].from.find(
                    (peer: any) => peer.namespaceSelector?.matchLabels["kubernetes.io/metadata.name"] === "envoy-gateway-system",
                );
                assert.deepEqual(
                    rule.from.map((peer: any) => peer.namespaceSelector),
                    [proxy.namespaceSelector],
                );
                const expressions = rule.from[0].podSelector.matchExpressions as { key: string; operator: string; values: string[] }[];
                assert.equal(rule.from[0].podSelector.matchLabels, undefined, "kustomize adds the tree's labels to a peer's matchLabels");
                assert.deepEqual(
                    expressions.map((e) => [e.key, e.operator, e.values]).sort(),
                    Object.entries(proxy.podSelector.matchLabels)
                        .map(([key, value]) => [key, "In", [value]])
                        .sort(),
                );
            });

            it("builds the same objects from the cluster path as from the overlay it includes", () => {
                assert.deepEqual(build(join(GITOPS, "apps", env)), objects);
            });
        });
    }

    it("differs between test and prod only in the env label, the message, replicas and resources", () => {
        const test = build(join(GITOPS, "clusters", "dev"));
        const prod = build(join(GITOPS, "clusters", "prod"));
        const key = (o: K8sObject) => `${o.kind}/${o.metadata.name.replace(/-[a-z0-9]{10}$/, "")}`;
        assert.deepEqual(test.map(key).sort(), prod.map(key).sort());
        const diffs = new Set(
            test.flatMap((t) => {
                const p = prod.find((candidate) => key(candidate) === key(t))!;
                return differences(t, p).map((path) => `${t.kind}: ${path}`);
            }),
        );
        const allowed = [
            /: metadata\.labels\.env$/,
            /^Deployment: spec\.(selector\.matchLabels|template\.metadata\.labels)\.env$/,
            /^Service: spec\.selector\.env$/,
            /^NetworkPolicy: spec\.podSelector\.matchLabels\.env$/,
            /^ConfigMap: metadata\.name$/,
            /^ConfigMap: data\.message$/,
            /^Deployment: spec\.template\.spec\.containers\.0\.env\.0\.valueFrom\.configMapKeyRef\.name$/,
            /^Deployment: spec\.replicas$/,
            /^HTTPRoute: spec\.hostnames\.0$/,
            /^Deployment: spec\.template\.spec\.containers\.0\.resources\.(requests|limits)\.(cpu|memory)$/,
        ];
        const unexpected = [...diffs].filter((diff) => !allowed.some((pattern) => pattern.test(diff)));
        assert.deepEqual(unexpected, []);
        for (const expected of ["ConfigMap: data.message", "Deployment: spec.replicas"]) {
            assert.ok(diffs.has(expected), expected);
        }
        assert.deepEqual([one(test, "Deployment").spec.replicas, one(prod, "Deployment").spec.replicas], [1, 3]);
    });

    it("rolls the Deployment out when the message changes (new ConfigMap name in the pod template)", () => {
        const copy = mkdtempSync(join(tmpdir(), "gitops-"));
        try {
            cpSync(GITOPS, copy, { recursive: true });
            const overlay = join(copy, "apps", "test", "kustomization.yaml");
            writeFileSync(overlay, readFileSync(overlay, "utf8").replace("message=Hello from test", "message=Hello again"));
            const before = build(join(GITOPS, "clusters", "dev"));
            const after = build(join(copy, "clusters", "dev"));
            assert.equal(one(after, "ConfigMap").data.message, "Hello again");
            assert.notEqual(one(after, "ConfigMap").metadata.name, one(before, "ConfigMap").metadata.name);
            const template = (objects: K8sObject[]) => one(objects, "Deployment").spec.template;
            assert.deepEqual(differences(template(before), template(after)), ["spec.containers.0.env.0.valueFrom.configMapKeyRef.name"]);
        } finally {
            rmSync(copy, { recursive: true, force: true });
        }
    });
});
