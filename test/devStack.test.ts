import * as assert from "node:assert/strict";

import { evaluateProgram } from "../offline/evaluate";
import { readStackFile } from "../offline/stackFile";
import { runPlatformProgram } from "../program";
import { evaluateStackFile, PROJECT_ROOT, Resources } from "./harness/evaluateStack";

const WORKLOAD_KINDS = [
    "Deployment",
    "Service",
    "HorizontalPodAutoscaler",
    "PodDisruptionBudget",
    "ConfigMap",
    "Secret",
    "NetworkPolicy",
    "CronJob",
    "PersistentVolumeClaim",
    "ServiceAccount",
];

describe("dev stack (Pulumi.dev.yaml)", () => {
    let resources: Resources;
    before(async () => {
        resources = await evaluateStackFile("dev", { "platform:externalIntegrationKey": "dev-key" });
    });

    it("deploys the seed workloads: backend-api, data-api and the health-check CronJob", () => {
        assert.deepEqual(
            resources.ofType("kubernetes:apps/v1:Deployment").map((r) => r.name),
            ["backend-api", "data-api"],
        );
        assert.deepEqual(
            resources.ofType("kubernetes:batch/v1:CronJob").map((r) => r.name),
            ["health-check"],
        );
    });

    it("serves both apps on Service port 80 in front of the container port, from a public pinned image", () => {
        for (const app of ["backend-api", "data-api"]) {
            const service = resources.get("kubernetes:core/v1:Service", app).inputs.spec as any;
            assert.equal(service.ports[0].port, 80);
            const container = (resources.get("kubernetes:apps/v1:Deployment", app).inputs.spec as any).template.spec.containers[0];
            assert.match(container.image, /^ghcr\.io\/stefanprodan\/podinfo:\d+\.\d+\.\d+$/);
            assert.equal(container.ports[0].containerPort, 9898);
            assert.ok(
                container.volumeMounts.some((m: any) => m.mountPath === "/logs"),
                `${app} has no writable /logs`,
            );
        }
    });

    it("gives backend-api its EXTERNAL_INTEGRATION_KEY from secret config", () => {
        const container = (resources.get("kubernetes:apps/v1:Deployment", "backend-api").inputs.spec as any).template.spec.containers[0];
        assert.deepEqual(
            container.env.find((e: any) => e.name === "EXTERNAL_INTEGRATION_KEY"),
            {
                name: "EXTERNAL_INTEGRATION_KEY",
                valueFrom: { secretKeyRef: { name: "backend-api-secret", key: "EXTERNAL_INTEGRATION_KEY" } },
            },
        );
    });

    it("gives every Kubernetes resource the cluster's explicit provider", () => {
        const kubernetes = resources.all.filter((r) => r.type.startsWith("kubernetes:"));
        assert.ok(kubernetes.length > 10);
        const missing = kubernetes.filter((r) => r.provider !== "pulumi:providers:kubernetes::cluster");
        assert.deepEqual(
            missing.map((r) => `${r.type}::${r.name}`),
            [],
        );
    });

    it("labels every workload object with app and env=dev", () => {
        const objects = resources.all.filter((r) => WORKLOAD_KINDS.some((kind) => r.type.endsWith(`:${kind}`)));
        for (const object of objects) {
            const labels = (object.inputs.metadata as any).labels;
            assert.ok(labels.app, `${object.type}::${object.name} has no app label`);
            assert.equal(labels.env, "dev", `${object.type}::${object.name}`);
        }
    });

    it("enforces the restricted Pod Security Standard on the team namespaces", () => {
        for (const name of ["backend-namespace", "data-namespace", "health-namespace", "helloworld"]) {
            const labels = (resources.get("kubernetes:core/v1:Namespace", name).inputs.metadata as any).labels;
            assert.equal(labels["pod-security.kubernetes.io/enforce"], "restricted", name);
        }
        assert.deepEqual(resources.get("platform:workloads:Workloads", "workloads").dependsOn, ["platform:index:Namespaces::namespaces"]);
    });

    it("fails with a message naming the secret key when the secret is not set", async () => {
        await assert.rejects(evaluateStackFile("dev"), (error: Error) => {
            assert.match(error.message, /apps\[0\]\.secretEnv\.EXTERNAL_INTEGRATION_KEY: refers to the secret config key 'externalIntegrationKey'/);
            return true;
        });
    });

    it("rejects a broken value in the stack file before registering anything", async () => {
        const file = readStackFile(PROJECT_ROOT, "dev");
        let failure: unknown;
        const evaluation = await evaluateProgram({
            ...file,
            config: { ...file.config, "platform:environment": "Dev Env" },
            program: async (rootOptions) => {
                try {
                    return await runPlatformProgram({ rootOptions });
                } catch (error) {
                    failure = error;
                    return {};
                }
            },
        });
        assert.match(String(failure), /environment: must be a DNS-1123 label/);
        assert.deepEqual(evaluation.resources, []);
    });
});
