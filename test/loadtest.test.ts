// The scaling test that ships with the platform (tools/loadtest): the load Job and its
// NetworkPolicy, the shell that sends the load (run for real against a local server when
// curl is installed), reading Prometheus and HPA answers, the expected replica count and
// the verdict.
import * as assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { readStackFile } from "../offline/stackFile";
import { loadModel } from "../offline/validation/loadModel";
import { schemaProblems } from "../offline/validation/schemaViolations";
import { checkPolicies } from "../policy/checkPolicies";
import { LOAD_IMAGE, loadScript, loadSeconds, loadTestObjects } from "../tools/loadtest/loadJob";
import { expectedReplicas, hpaStatus, instantValue, verdict } from "../tools/loadtest/results";
import { PROJECT_ROOT } from "./harness/evaluateStack";

const SPEC = { app: "backend-api", namespace: "apps", environment: "dev", servicePort: 80, path: "/", requests: 12000, ratePerSecond: 50 };

describe("load test: the Job and its NetworkPolicy", () => {
    const [policy, job] = loadTestObjects(SPEC) as any[];

    it("sends a fixed number of requests at a fixed rate through the app's Service, bounded in time", () => {
        const script: string = job.spec.template.spec.containers[0].command[2];
        assert.match(script, /curl -sS --rate 50\/s .*'http:\/\/backend-api\.apps\.svc:80\/\?n=\[1-12000\]'/);
        assert.equal(loadSeconds(SPEC), 240);
        assert.equal(job.spec.activeDeadlineSeconds, 300);
        assert.equal(job.spec.backoffLimit, 0);
        assert.equal(job.spec.template.spec.containers[0].image, LOAD_IMAGE);
    });

    it("lets only the load pod reach the app's http port (app namespaces deny all egress)", () => {
        assert.deepEqual(policy.spec.podSelector.matchLabels, { app: "backend-api-loadtest", env: "dev" });
        assert.deepEqual(policy.spec.egress, [
            { to: [{ podSelector: { matchLabels: { app: "backend-api", env: "dev" } } }], ports: [{ protocol: "TCP", port: "http" }] },
        ]);
    });

    it("validate against the Kubernetes schemas and pass the platform's policies (restricted, labelled, limited)", async () => {
        for (const object of [policy, job]) {
            assert.deepEqual(schemaProblems(object, await loadModel(object.apiVersion, object.kind)), [], object.kind);
        }
        const resources = [policy, job].map((object) => ({
            type: `kubernetes:${object.apiVersion.includes("/") ? object.apiVersion : `core/${object.apiVersion}`}:${object.kind}`,
            name: object.metadata.name,
            inputs: object,
        }));
        assert.deepEqual(
            checkPolicies(resources).map((v) => `${v.rule}: ${v.message}`),
            [],
        );
    });
});

describe("load test: the load script, run against a local server", function () {
    const curl = spawnSync("curl", ["--version"]);
    let server: Server;
    let port: number;
    let status = 200;
    let dir: string;
    before(function () {
        if (curl.status !== 0) {
            console.log("      (skipped: curl is not installed)");
            this.skip();
        }
        dir = mkdtempSync(join(tmpdir(), "loadtest-"));
        server = createServer((_, response) => response.writeHead(status).end("ok"));
        return new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => ((port = (server.address() as { port: number }).port), resolve())));
    });
    after(() => {
        server?.close();
        if (dir) rmSync(dir, { recursive: true, force: true });
    });
    // Asynchronous: the server answering runs in this process.
    const run = (requests: number) =>
        new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
            const script = loadScript({ ...SPEC, requests, ratePerSecond: 100 })
                .replace("http://backend-api.apps.svc:80", `http://127.0.0.1:${port}`)
                .replaceAll("/tmp/codes", join(dir, "codes"));
            const child = spawn("/bin/sh", ["-c", script]);
            let stdout = "";
            let stderr = "";
            child.stdout.on("data", (chunk) => (stdout += chunk));
            child.stderr.on("data", (chunk) => (stderr += chunk));
            child.on("close", (status) => resolve({ status, stdout, stderr }));
        });

    it("sends exactly the requests asked for and succeeds when they are answered", async () => {
        status = 200;
        const result = await run(20);
        assert.equal(result.status, 0, result.stderr);
        assert.match(result.stdout, /requests=20 ok=20/);
    });

    it("fails when the app does not answer 2xx, so a broken app is not taken for an idle one", async () => {
        status = 503;
        const result = await run(10);
        assert.notEqual(result.status, 0);
        assert.match(result.stdout, /requests=10 ok=0/);
        assert.match(result.stdout, /10 503/);
    });
});

describe("load test: reading the results and deciding", () => {
    it("reads a Prometheus instant query of one series or a scalar, and refuses several series", () => {
        assert.equal(instantValue(JSON.stringify({ status: "success", data: { resultType: "vector", result: [{ metric: {}, value: [1, "48.5"] }] } })), 48.5);
        assert.equal(instantValue(JSON.stringify({ status: "success", data: { resultType: "scalar", result: [1, "3"] } })), 3);
        assert.equal(instantValue(JSON.stringify({ status: "success", data: { resultType: "vector", result: [] } })), undefined);
        assert.throws(
            () => instantValue(JSON.stringify({ status: "success", data: { resultType: "vector", result: [{ value: [1, "1"] }, { value: [1, "2"] }] } })),
            /2 series; KEDA needs one/,
        );
        assert.throws(() => instantValue(JSON.stringify({ status: "error", error: "parse error" })), /error: parse error/);
    });

    it("reads the HPA's replica counts", () => {
        const body = JSON.stringify({
            kind: "HorizontalPodAutoscaler",
            spec: { minReplicas: 1, maxReplicas: 3 },
            status: { currentReplicas: 2, desiredReplicas: 3 },
        });
        assert.deepEqual(hpaStatus(body), { current: 2, desired: 3, min: 1, max: 3 });
        assert.throws(() => hpaStatus(JSON.stringify({ kind: "Status" })), /expected a HorizontalPodAutoscaler/);
    });

    it("expects ceil(load / target) replicas within the app's bounds", () => {
        assert.equal(expectedReplicas({ ratePerSecond: 50, targetPerPod: 10, min: 1, max: 3 }), 3);
        assert.equal(expectedReplicas({ ratePerSecond: 25, targetPerPod: 10, min: 1, max: 6 }), 3);
        assert.equal(expectedReplicas({ ratePerSecond: 1, targetPerPod: 50, min: 2, max: 6 }), 2);
    });

    it("passes once the replicas reach the expected count, and says how far it got otherwise", () => {
        const pass = verdict(
            [
                { at: 0, replicas: 1, metric: 0 },
                { at: 60, replicas: 2, metric: 40 },
                { at: 90, replicas: 3, metric: 50 },
            ],
            3,
        );
        assert.deepEqual([pass.passed, pass.reachedAt, pass.peakReplicas], [true, 90, 3]);
        const fail = verdict(
            [
                { at: 0, replicas: 1 },
                { at: 420, replicas: 2 },
            ],
            3,
        );
        assert.equal(fail.passed, false);
        assert.match(fail.message, /never reached 3 replicas in 420s \(peak 2\)/);
    });

    // docs/scaling.md: the dev command sends 50 requests/s for 4 minutes and expects 3 replicas of backend-api.
    it("matches the documented dev run to the dev stack's trigger and bounds", () => {
        const apps = JSON.parse(readStackFile(PROJECT_ROOT, "dev").config["platform:apps"]);
        const backend = apps.find((a: any) => a.name === "backend-api");
        const trigger = backend.autoscaling.metrics[0];
        assert.equal(expectedReplicas({ ratePerSecond: 50, targetPerPod: trigger.targetPerPod, min: backend.replicas.min, max: backend.replicas.max }), 3);
    });
});
