// The end-to-end suite: after `pulumi up` of a kind stack, checks the running platform
// through the Kubernetes API and the apps' URLs. Run by .github/workflows/e2e.yml, or locally:
//   E2E_STACK=dev-<you> npm run e2e
// Its decisions (what ready means, how long to wait, how to read results) are in e2e/lib and
// unit-tested under test/e2e against recorded API responses.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { lookup as dnsLookup } from "node:dns";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type * as k8s from "@kubernetes/client-node" with { "resolution-mode": "import" };

import { parseStackOutputs, type StackUnderTest } from "./lib/outputs";
import { plannedReleases } from "./lib/plannedReleases";
import { conditionReady, deploymentReady, helmReleasesDeployed, jobOutcome } from "./lib/readiness";
import { until } from "./lib/retry";

const STACK = process.env.E2E_STACK ?? "dev";
const MINUTES = 60_000;

interface Clients {
    apps: k8s.AppsV1Api;
    core: k8s.CoreV1Api;
    batch: k8s.BatchV1Api;
    custom: k8s.CustomObjectsApi;
}

let stack: StackUnderTest;
let releases: string[];
let api: Clients;

async function connect(kubeconfig: string): Promise<Clients> {
    const client = await import("@kubernetes/client-node");
    const config = new client.KubeConfig();
    config.loadFromString(kubeconfig);
    return {
        apps: config.makeApiClient(client.AppsV1Api),
        core: config.makeApiClient(client.CoreV1Api),
        batch: config.makeApiClient(client.BatchV1Api),
        custom: config.makeApiClient(client.CustomObjectsApi),
    };
}

/** The namespaces the platform created (it labels them), plus kube-system. */
async function platformNamespaces(): Promise<string[]> {
    const list = await api.core.listNamespace({ labelSelector: "app.kubernetes.io/managed-by=pulumi" });
    return ["kube-system", ...list.items.map((namespace) => namespace.metadata!.name!)];
}

/**
 * `*.localhost` is loopback (RFC 6761 6.3), but only some resolvers say so (systemd-resolved
 * does, plain /etc/hosts does not): answer it here, as browsers and curl do.
 */
const loopbackForLocalhost: LookupFunction = (hostname, options, callback) =>
    hostname === "localhost" || hostname.endsWith(".localhost")
        ? options.all
            ? (callback as (error: null, addresses: { address: string; family: number }[]) => void)(null, [{ address: "127.0.0.1", family: 4 }])
            : callback(null, "127.0.0.1", 4)
        : dnsLookup(hostname, options, callback);

function get(url: string, ca?: string): Promise<number> {
    return new Promise((resolve, reject) => {
        const send = url.startsWith("https:") ? httpsRequest : httpRequest;
        const request = send(url, { method: "GET", timeout: 10_000, lookup: loopbackForLocalhost, ...(ca ? { ca } : {}) }, (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
        });
        request.on("timeout", () => request.destroy(new Error(`timed out: ${url}`)));
        request.on("error", reject);
        request.end();
    });
}

/** The stack's offline plan (its resources.json): what its config declares. */
function planOf(stackName: string): { type: string; inputs: { name?: unknown } }[] {
    const out = mkdtempSync(join(tmpdir(), "e2e-plan-"));
    try {
        execFileSync(process.execPath, ["--require", "./tools/typescript-loader.cjs", "tools/plan.ts", "--stack", stackName, "--out", out], {
            stdio: "ignore",
        });
        return JSON.parse(readFileSync(join(out, "resources.json"), "utf8"));
    } finally {
        rmSync(out, { recursive: true, force: true });
    }
}

async function jobLog(namespace: string, job: string): Promise<string> {
    const pods = await api.core.listNamespacedPod({ namespace, labelSelector: `job-name=${job}` });
    return api.core.readNamespacedPodLog({ name: pods.items[0].metadata!.name!, namespace });
}

describe(`platform on stack ${STACK}`, function () {
    this.timeout(30 * MINUTES);

    before(async () => {
        stack = parseStackOutputs(execFileSync("pulumi", ["stack", "output", "--json", "--show-secrets", "--stack", STACK], { encoding: "utf8" }));
        api = await connect(stack.kubeconfig);
        releases = plannedReleases(planOf(STACK));
    });

    it("has every Deployment of the platform available", async () => {
        for (const namespace of await platformNamespaces()) {
            await until(
                `Deployments of ${namespace}`,
                async () => {
                    const pending = (await api.apps.listNamespacedDeployment({ namespace })).items.map(deploymentReady).filter((verdict) => !verdict.ready);
                    return pending.length === 0
                        ? { done: true, value: undefined }
                        : { done: false, reason: pending.map((verdict) => (verdict.ready ? "" : verdict.reason)).join("; ") };
                },
                { deadlineMs: 10 * MINUTES, intervalMs: 10_000 },
            );
        }
    });

    it("has every Helm release deployed", async () => {
        await until(
            "Helm releases",
            async () => {
                const secrets = (await api.core.listSecretForAllNamespaces({ labelSelector: "owner=helm" })).items;
                const verdict = helmReleasesDeployed(secrets, releases);
                return verdict.ready ? { done: true, value: undefined } : { done: false, reason: verdict.reason };
            },
            { deadlineMs: 5 * MINUTES, intervalMs: 10_000 },
        );
    });

    it("has Flux ready: its controllers, and its sources and Kustomizations when there are any", async () => {
        for (const plural of ["gitrepositories", "kustomizations"]) {
            const group = plural === "gitrepositories" ? "source.toolkit.fluxcd.io" : "kustomize.toolkit.fluxcd.io";
            await until(
                `Flux ${plural}`,
                async () => {
                    const list = (await api.custom.listClusterCustomObject({ group, version: "v1", plural })) as {
                        items: { metadata?: { name?: string }; status?: { conditions?: { type: string; status: string }[] } }[];
                    };
                    const pending = list.items.map(conditionReady).filter((verdict) => !verdict.ready);
                    return pending.length === 0
                        ? { done: true, value: list.items.length }
                        : { done: false, reason: pending.map((verdict) => (verdict.ready ? "" : verdict.reason)).join("; ") };
                },
                { deadlineMs: 10 * MINUTES, intervalMs: 15_000 },
            );
        }
    });

    it("answers on every app's URL", async () => {
        assert.ok(Object.keys(stack.appUrls).length > 0, "the stack outputs no app URL");
        for (const [app, url] of Object.entries(stack.appUrls)) {
            await until(
                `${app} at ${url}`,
                async () => {
                    const status = await get(url, stack.caCertificate);
                    return status >= 200 && status < 400 ? { done: true, value: status } : { done: false, reason: `HTTP ${status}` };
                },
                { deadlineMs: 5 * MINUTES, intervalMs: 5_000 },
            );
        }
    });

    it("runs the health check to success, with its log on the volume", async () => {
        // Wherever the stack runs it (the default stacks: the health team's namespace).
        const found = await api.batch.listCronJobForAllNamespaces({ fieldSelector: "metadata.name=health-check" });
        assert.equal(found.items.length, 1, "one health-check CronJob");
        const cronJob = found.items[0];
        const namespace = cronJob.metadata!.namespace!;
        const name = `health-check-e2e-${Date.now().toString(36)}`;
        // As `kubectl create job --from=cronjob/health-check` does.
        await api.batch.createNamespacedJob({
            namespace,
            body: { metadata: { name, namespace, labels: cronJob.spec!.jobTemplate.metadata?.labels }, spec: cronJob.spec!.jobTemplate.spec! },
        });
        await until(
            `Job ${name}`,
            async () => {
                const outcome = jobOutcome(await api.batch.readNamespacedJob({ name, namespace }));
                if (typeof outcome === "object") {
                    throw new Error(`the health check failed: ${outcome.failed}`);
                }
                return outcome === "succeeded" ? { done: true, value: undefined } : { done: false, reason: "running" };
            },
            { deadlineMs: 5 * MINUTES, intervalMs: 5_000 },
        );
        const run = await jobLog(namespace, name);
        assert.match(run, / ok$/m, run);
        assert.doesNotMatch(run, / FAIL$/m, run);

        // A reader with the CronJob's own pod settings mounts the claim and prints the log file.
        const pod = cronJob.spec!.jobTemplate.spec!.template.spec!;
        const volume = pod.volumes!.find((candidate) => candidate.persistentVolumeClaim)!;
        const container = pod.containers[0];
        const mount = container.volumeMounts!.find((candidate) => candidate.name === volume.name)!;
        const reader = `${name}-log`;
        await api.batch.createNamespacedJob({
            namespace,
            body: {
                metadata: { name: reader, namespace, labels: cronJob.spec!.jobTemplate.metadata?.labels },
                spec: {
                    backoffLimit: 0,
                    template: {
                        metadata: { labels: cronJob.spec!.jobTemplate.spec!.template.metadata?.labels },
                        spec: {
                            restartPolicy: "Never",
                            securityContext: pod.securityContext,
                            automountServiceAccountToken: false,
                            volumes: [volume],
                            containers: [
                                {
                                    name: "reader",
                                    image: container.image,
                                    command: ["cat", `${mount.mountPath}/health_check.log`],
                                    resources: container.resources,
                                    securityContext: container.securityContext,
                                    volumeMounts: [{ ...mount, readOnly: true }],
                                },
                            ],
                        },
                    },
                },
            },
        });
        await until(
            `Job ${reader}`,
            async () => {
                const outcome = jobOutcome(await api.batch.readNamespacedJob({ name: reader, namespace }));
                if (typeof outcome === "object") {
                    throw new Error(`reading the log failed: ${outcome.failed}`);
                }
                return outcome === "succeeded" ? { done: true, value: undefined } : { done: false, reason: "running" };
            },
            { deadlineMs: 3 * MINUTES, intervalMs: 5_000 },
        );
        const file = await jobLog(namespace, reader);
        assert.ok(
            run
                .trim()
                .split("\n")
                .every((line) => file.includes(line)),
            `the volume's log lacks this run's lines:\n${file}`,
        );
    });
});
