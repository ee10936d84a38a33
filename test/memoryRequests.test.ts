// What the dev stack's pods request together: kind keeps the control plane's NoSchedule
// taint when there are workers, so every platform pod lands on the one worker and its
// requests must fit the memory Docker gives kind. The models of the charts' pods are
// checked against the rendered charts in test/chartRender.test.ts.
import * as assert from "node:assert/strict";

import { memoryRequests } from "../offline/capacity/memoryRequests";
import { GiB, MiB } from "../offline/capacity/podFootprint";
import { runPlan } from "../offline/plan/runPlan";
import { evaluateStackFile, PROJECT_ROOT, Resources } from "./harness/evaluateStack";
import { scratchDir } from "./harness/scratchDir";

/** The dev stack's budget: what docs/kind.md states Docker needs for the pods' requests. */
const DEV_BUDGET = 2.5 * GiB;

describe("memory requests", () => {
    let dev: Resources;
    before(async () => {
        dev = await evaluateStackFile("dev", { "platform:externalIntegrationKey": "k" });
    });

    it("keeps the dev stack's pods, chart defaults and operator-made pods included, within 2.5 GiB", () => {
        const requests = memoryRequests(dev.all);
        assert.deepEqual(requests.unknown, [], "every release of the dev stack has a model");
        // Pods made by operators are counted: Prometheus, Alertmanager and the Envoy proxy.
        for (const workload of [
            "Prometheus/kube-prometheus-stack-prometheus",
            "Alertmanager/kube-prometheus-stack-alertmanager",
            "EnvoyProxy/platform-proxy",
        ]) {
            assert.ok(
                requests.pods.some((pod) => pod.workload === workload),
                workload,
            );
        }
        const table = requests.pods.map((pod) => `${pod.workload} ${pod.replicas}x${Math.round(pod.memoryBytes / MiB)}Mi`).join("\n");
        assert.ok(requests.totalBytes <= DEV_BUDGET, `${(requests.totalBytes / GiB).toFixed(2)} GiB:\n${table}`);
    });

    it("counts each replica, DaemonSets once, and a CronJob's one pod at a time", () => {
        const deployment = (replicas: number) => ({
            spec: { replicas, template: { spec: { containers: [{ resources: { requests: { memory: "64Mi" } } }, {}] } } },
        });
        const requests = memoryRequests([
            { type: "kubernetes:apps/v1:Deployment", name: "a", inputs: deployment(3) },
            { type: "kubernetes:apps/v1:DaemonSet", name: "b", inputs: deployment(5) },
            { type: "kubernetes:batch/v1:CronJob", name: "c", inputs: { spec: { jobTemplate: { spec: deployment(1).spec } } } },
            // An init container that asks for more than the containers together sets the pod's request.
            {
                type: "kubernetes:core/v1:Pod",
                name: "d",
                inputs: {
                    spec: { containers: [{ resources: { requests: { memory: "16Mi" } } }], initContainers: [{ resources: { requests: { memory: "100Mi" } } }] },
                },
            },
        ]);
        assert.equal(requests.totalBytes, (3 * 64 + 64 + 64 + 100) * MiB);
    });

    it("prints the total in the plan summary of kind stacks only", async () => {
        const summary = async (stack: string) => {
            const extraConfig: Record<string, string> = stack === "dev" ? { "platform:externalIntegrationKey": "k" } : {};
            return (
                await runPlan({
                    projectRoot: PROJECT_ROOT,
                    stack,
                    outDir: scratchDir(`memory-${stack}`),
                    extraConfig,
                    extraSecretKeys: Object.keys(extraConfig),
                })
            ).report;
        };
        const total = memoryRequests(dev.all).totalBytes;
        const line = (await summary("dev")).split("\n").find((text) => text.startsWith("Memory requests: "));
        assert.ok(line, "the dev plan states its memory requests");
        assert.match(line, new RegExp(`^Memory requests: ${(total / GiB).toFixed(2)} GiB for the platform's \\d+ pods, out of the memory Docker gives kind`));
        assert.doesNotMatch(await summary("prod"), /Memory requests: /);
    });
});
