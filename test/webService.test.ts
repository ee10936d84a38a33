import * as assert from "node:assert/strict";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import { CONFIG_HASH_ANNOTATION } from "../components/workloads/configHash";
import { WebService } from "../components/workloads/webService";
import { isSecretMarker, revealSecrets } from "../offline/secretValues";
import { parseStackConfig } from "../stacks/parse";
import { evaluateComponent, evaluateConfig, Resources } from "./harness/evaluateStack";
import { validValues } from "./harness/fixtures";
import { T } from "./harness/resourceTypes";

const spec = (resources: Resources, type: string, name: string) => resources.get(type, name).inputs.spec as any;
const podTemplate = (resources: Resources, name: string) => spec(resources, T.deployment, name).template;

describe("WebService", () => {
    let resources: Resources;
    before(async () => {
        resources = await evaluateConfig(validValues());
    });

    it("points the HPA at its Deployment by name, with the configured bounds and CPU target", () => {
        const hpa = spec(resources, T.hpa, "web");
        assert.deepEqual(hpa.scaleTargetRef, { apiVersion: "apps/v1", kind: "Deployment", name: "web" });
        assert.equal((resources.get(T.deployment, "web").inputs.metadata as any).name, "web");
        assert.equal(hpa.minReplicas, 2);
        assert.equal(hpa.maxReplicas, 4);
        assert.deepEqual(hpa.metrics, [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }]);
        assert.deepEqual(resources.get(T.hpa, "web").dependsOn, [`${T.deployment}::web`]);
    });

    it("adds a memory target when one is configured", async () => {
        const values = validValues();
        values.apps[0].autoscaling = { cpuUtilization: 60, memoryUtilization: 80 };
        const metrics = spec(await evaluateConfig(values), T.hpa, "web").metrics;
        assert.deepEqual(
            metrics.map((m: any) => [m.resource.name, m.resource.target.averageUtilization]),
            [
                ["cpu", 60],
                ["memory", 80],
            ],
        );
    });

    it("selects exactly the Deployment's pods from the Service, on the named container port", () => {
        const service = spec(resources, T.service, "web");
        const deployment = spec(resources, T.deployment, "web");
        assert.deepEqual(service.selector, deployment.selector.matchLabels);
        for (const [key, value] of Object.entries(service.selector)) {
            assert.equal(deployment.template.metadata.labels[key], value);
        }
        assert.deepEqual(service.ports, [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }]);
        assert.equal(deployment.template.spec.containers[0].ports[0].containerPort, 9898);
    });

    it("has a PDB exactly when the minimum is above one", () => {
        assert.deepEqual(spec(resources, T.pdb, "web"), { maxUnavailable: 1, selector: { matchLabels: { app: "web", env: "test" } } });
        assert.equal(resources.find(T.pdb, "worker"), undefined);
    });

    it("starts at the minimum, or the initial count, and leaves the count to the HPA afterwards", async () => {
        assert.equal(spec(resources, T.deployment, "web").replicas, 2);
        assert.deepEqual(resources.get(T.deployment, "web").ignoreChanges, ["spec.replicas"]);
        const values = validValues();
        values.apps[0].replicas = { min: 2, max: 6, initial: 3 };
        assert.equal(spec(await evaluateConfig(values), T.deployment, "web").replicas, 3);
    });

    it("rolls the Deployment when the ConfigMap content changes", async () => {
        const before = podTemplate(resources, "web").metadata.annotations[CONFIG_HASH_ANNOTATION];
        const values = validValues();
        values.apps[0].config = { GREETING: "hello, world" };
        const changed = await evaluateConfig(values);
        const after = podTemplate(changed, "web").metadata.annotations[CONFIG_HASH_ANNOTATION];
        assert.match(before, /^[0-9a-f]{16}$/);
        assert.notEqual(after, before);
        assert.deepEqual((changed.get(T.configMap, "web-config").inputs as any).data, { GREETING: "hello, world" });
        assert.deepEqual(podTemplate(changed, "web").spec.containers[0].envFrom, [{ configMapRef: { name: "web-config" } }]);
    });

    it("keeps secret values secret and passes them by reference", () => {
        const secret = resources.get(T.secret, "web-secret").inputs as any;
        assert.ok(isSecretMarker(secret.stringData), "stringData must be a Pulumi secret");
        assert.deepEqual(revealSecrets(secret.stringData), { API_KEY: "not-a-real-key" });
        const env = podTemplate(resources, "web").spec.containers[0].env;
        assert.deepEqual(env, [{ name: "API_KEY", valueFrom: { secretKeyRef: { name: "web-secret", key: "API_KEY" } } }]);
        assert.ok(!JSON.stringify(podTemplate(resources, "web")).includes("not-a-real-key"));
    });

    it("runs restricted: non-root, no escalation, no capabilities, RuntimeDefault seccomp, read-only root with writable scratch", () => {
        const pod = podTemplate(resources, "web").spec;
        assert.deepEqual(pod.securityContext, {
            runAsNonRoot: true,
            runAsUser: 10001,
            runAsGroup: 10001,
            fsGroup: 10001,
            seccompProfile: { type: "RuntimeDefault" },
        });
        const container = pod.containers[0];
        assert.deepEqual(container.securityContext, {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            capabilities: { drop: ["ALL"] },
            seccompProfile: { type: "RuntimeDefault" },
        });
        assert.deepEqual(
            container.volumeMounts.map((m: any) => m.mountPath),
            ["/tmp", "/logs"],
        );
        assert.deepEqual(
            pod.volumes.map((v: any) => Object.keys(v).sort()),
            [
                ["emptyDir", "name"],
                ["emptyDir", "name"],
            ],
        );
        assert.equal(pod.automountServiceAccountToken, false);
    });

    it("probes readiness and liveness on the configured paths, with defaults", () => {
        const container = podTemplate(resources, "web").spec.containers[0];
        assert.deepEqual(container.readinessProbe.httpGet, { path: "/readyz", port: "http" });
        assert.deepEqual(container.livenessProbe.httpGet, { path: "/healthz", port: "http" });
        const worker = podTemplate(resources, "worker").spec.containers[0];
        assert.deepEqual(worker.readinessProbe, {
            httpGet: { path: "/", port: "http" },
            initialDelaySeconds: 5,
            periodSeconds: 10,
            timeoutSeconds: 3,
            failureThreshold: 3,
        });
    });

    it("sets requests and limits on the container", () => {
        assert.deepEqual(podTemplate(resources, "worker").spec.containers[0].resources, {
            requests: { cpu: "100m", memory: "128Mi" },
            limits: { cpu: "500m", memory: "256Mi" },
        });
    });

    it("admits its port from its own namespace and its metrics port from the monitoring namespace, nothing else", () => {
        const policy = spec(resources, T.networkPolicy, "web");
        assert.deepEqual(policy.podSelector, { matchLabels: { app: "web", env: "test" } });
        assert.deepEqual(policy.policyTypes, ["Ingress", "Egress"]);
        assert.deepEqual(policy.ingress, [
            { from: [{ podSelector: {} }], ports: [{ port: 9898, protocol: "TCP" }] },
            { from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }], ports: [{ port: 9898, protocol: "TCP" }] },
        ]);
    });

    it("labels every object with app, env and the app.kubernetes.io set", () => {
        const objects = resources.all.filter((r) => r.type.startsWith("kubernetes:") && r.parent === "platform:workloads:WebService::web");
        assert.ok(objects.length >= 7);
        for (const object of objects) {
            const labels = (object.inputs.metadata as any).labels;
            assert.equal(labels.app, "web", `${object.type} lacks app`);
            assert.equal(labels.env, "test", `${object.type} lacks env`);
            assert.equal(labels["app.kubernetes.io/name"], "web");
            assert.equal(labels["app.kubernetes.io/part-of"], "k8s-app-platform");
        }
    });

    describe("ServiceMonitor", () => {
        const app = () => parseStackConfig({ stack: "test", values: validValues() }).settings.apps[0];
        const build = (serviceMonitor: boolean, metrics = true) =>
            evaluateComponent((recorded) => {
                const provider = new k8s.Provider("test-cluster", {}, recorded);
                const crds = new pulumi.ComponentResource("test:index:Crds", "prometheus-crds", {}, recorded);
                new WebService(
                    "web",
                    {
                        app: { ...app(), metrics: metrics ? app().metrics : undefined },
                        environment: "test",
                        namespace: "apps",
                        image: "ghcr.io/stefanprodan/podinfo:6.7.1",
                        secretEnv: {},
                        monitoringNamespace: "monitoring",
                        network: { outsidePods: { cidr: "0.0.0.0/0" }, external: { cidr: "0.0.0.0/0" } },
                        callers: [],
                        serviceMonitor: serviceMonitor ? { dependsOn: [crds] } : undefined,
                        provider,
                    },
                    recorded,
                );
            });

        it("is created for an app with metrics, after the CRD installer and the Service", async () => {
            const monitor = (await build(true)).get(T.serviceMonitor, "web-monitor");
            assert.deepEqual(monitor.dependsOn, ["test:index:Crds::prometheus-crds", `${T.service}::web`]);
            assert.equal(monitor.provider, "pulumi:providers:kubernetes::test-cluster");
            assert.deepEqual((monitor.inputs.spec as any).endpoints, [{ port: "http", path: "/metrics", interval: "30s" }]);
            assert.deepEqual((monitor.inputs.spec as any).selector, { matchLabels: { app: "web", env: "test" } });
        });

        it("is absent without metrics or without the CRD", async () => {
            assert.equal((await build(false)).find(T.serviceMonitor, "web-monitor"), undefined);
            assert.equal((await build(true, false)).find(T.serviceMonitor, "web-monitor"), undefined);
        });

        it("every Kubernetes object receives the given provider", async () => {
            const all = (await build(true)).all.filter((r) => r.type.startsWith("kubernetes:"));
            assert.ok(all.length > 0);
            assert.deepEqual([...new Set(all.map((r) => r.provider))], ["pulumi:providers:kubernetes::test-cluster"]);
        });
    });
});
