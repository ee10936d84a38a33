// The end-to-end suite's decisions, against API responses recorded in the shapes the
// Kubernetes API returns (test/fixtures/api): a cluster is not needed to test what the
// suite concludes from them.
import * as assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { parseStackOutputs } from "../../e2e/lib/outputs";
import { plannedReleases } from "../../e2e/lib/plannedReleases";
import { conditionReady, deploymentReady, helmReleasesDeployed, jobOutcome, scaledTo } from "../../e2e/lib/readiness";
import { until } from "../../e2e/lib/retry";
import { runPlan } from "../../offline/plan/runPlan";
import { PROJECT_ROOT } from "../harness/evaluateStack";

const recorded = (file: string) => JSON.parse(readFileSync(join(PROJECT_ROOT, "test/fixtures/api", file), "utf8"));

describe("end-to-end decisions", () => {
    it("expects the Helm releases the stack's plan declares", async () => {
        const out = mkdtempSync(join(tmpdir(), "e2e-releases-"));
        try {
            const { resources } = await runPlan({ projectRoot: PROJECT_ROOT, stack: "dev", outDir: out });
            assert.deepEqual(plannedReleases(resources).sort(), [
                "alloy",
                "cert-manager",
                "eg",
                "flux",
                "keda",
                "kube-prometheus-stack",
                "kyverno",
                "loki",
                "metrics-server",
            ]);
        } finally {
            rmSync(out, { recursive: true, force: true });
        }
    });

    describe("readiness", () => {
        it("takes a Deployment as ready only once every replica is updated and available", () => {
            assert.deepEqual(deploymentReady(recorded("deployment-available.json")), { ready: true });
            assert.deepEqual(deploymentReady(recorded("deployment-rolling.json")), { ready: false, reason: "apps/backend-api: 2/2 available, 1/2 updated" });
            assert.deepEqual(deploymentReady(recorded("deployment-imagepull.json")), {
                ready: false,
                reason: "apps/data-api: not Available (MinimumReplicasUnavailable: Deployment does not have minimum availability.)",
            });
            const stale = { ...recorded("deployment-available.json"), metadata: { name: "x", namespace: "apps", generation: 4 } };
            assert.match((deploymentReady(stale) as { reason: string }).reason, /has not seen generation 4/);
        });

        it("reads a Helm release's newest revision from its Secrets", () => {
            const secrets = recorded("helm-secrets.json");
            assert.deepEqual(helmReleasesDeployed(secrets, ["kube-prometheus-stack", "metrics-server"]), { ready: true });
            assert.deepEqual(helmReleasesDeployed(secrets, ["flux"]), { ready: false, reason: "release flux revision 2 is pending-upgrade" });
            assert.deepEqual(helmReleasesDeployed(secrets, ["cert-manager"]), { ready: false, reason: "release cert-manager is not installed" });
        });

        it("tells a finished Job from a failed and a running one", () => {
            const jobs = recorded("jobs.json");
            assert.equal(jobOutcome(jobs.complete), "succeeded");
            assert.deepEqual(jobOutcome(jobs.failed), { failed: "Job has reached the specified backoff limit" });
            assert.equal(jobOutcome(jobs.running), "running");
        });

        it("reports why a Flux object is not Ready", () => {
            assert.match(
                (conditionReady(recorded("gitrepository-failing.json")) as { reason: string }).reason,
                /^platform: GitOperationFailed: failed to checkout/,
            );
        });

        it("checks the replica count the scaling proof must reach", () => {
            assert.deepEqual(scaledTo({ status: { readyReplicas: 3 } }, 3), { ready: true });
            assert.deepEqual(scaledTo({ status: {} }, 2), { ready: false, reason: "0 ready replicas, waiting for 2" });
        });
    });

    describe("waiting", () => {
        const clock = () => {
            let now = 0;
            return { now: () => now, sleep: async (ms: number) => void (now += ms) };
        };

        it("retries until done, within the deadline", async () => {
            let calls = 0;
            const value = await until("x", async () => (++calls < 3 ? { done: false, reason: "not yet" } : { done: true, value: calls }), {
                deadlineMs: 60_000,
                intervalMs: 10_000,
                ...clock(),
            });
            assert.equal(value, 3);
        });

        it("gives up at the deadline with the last reason, and counts errors as not done", async () => {
            let calls = 0;
            await assert.rejects(
                until(
                    "Deployments of apps",
                    async () => {
                        calls++;
                        if (calls === 1) {
                            throw new Error("connection refused");
                        }
                        return { done: false, reason: "apps/web: 0/2 available" };
                    },
                    { deadlineMs: 30_000, intervalMs: 10_000, ...clock() },
                ),
                /^Error: Deployments of apps: not done after 4 tries in 30 s; last: apps\/web: 0\/2 available$/,
            );
        });
    });

    describe("stack outputs", () => {
        it("takes the https app URLs when the stack has them, else the node-port URLs, and ignores port-forward commands", () => {
            const base = { kubeconfig: "apiVersion: v1", clusterName: "platform-dev" };
            assert.deepEqual(
                parseStackOutputs(JSON.stringify({ ...base, appAccess: { web: "http://localhost:8080", api: "kubectl -n apps port-forward svc/api 8080:80" } }))
                    .appUrls,
                { web: "http://localhost:8080" },
            );
            const gateway = parseStackOutputs(
                JSON.stringify({
                    ...base,
                    appAccess: { web: "http://localhost:8080" },
                    appUrls: { web: "https://web.localhost" },
                    caCertificate: "-----BEGIN CERTIFICATE-----",
                }),
            );
            assert.deepEqual([gateway.appUrls, gateway.caCertificate], [{ web: "https://web.localhost" }, "-----BEGIN CERTIFICATE-----"]);
            assert.throws(() => parseStackOutputs(JSON.stringify({ clusterName: "x" })), /no kubeconfig or clusterName.*--show-secrets/);
        });
    });
});
