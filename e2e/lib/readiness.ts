// What "ready" means for the objects the end-to-end suite checks (pure), read from the
// API's own status fields: a Deployment's Available condition and updated replicas, a
// Helm release's latest revision (Helm 3 keeps each revision in a Secret labelled
// owner=helm, name, status, version), a Job's Complete or Failed condition, an object's
// Ready condition (Flux), and the replica count an autoscaler reached.

export interface Condition {
    type: string;
    status: string;
    reason?: string;
    message?: string;
}

export type Verdict = { ready: true } | { ready: false; reason: string };

const ready: Verdict = { ready: true };
const notReady = (reason: string): Verdict => ({ ready: false, reason });

function condition(conditions: readonly Condition[] | undefined, type: string): Condition | undefined {
    return (conditions ?? []).find((candidate) => candidate.type === type);
}

interface DeploymentLike {
    metadata?: { name?: string; namespace?: string; generation?: number };
    spec?: { replicas?: number };
    status?: { observedGeneration?: number; replicas?: number; updatedReplicas?: number; availableReplicas?: number; conditions?: Condition[] };
}

/** Rolled out: the controller saw the latest spec, every replica is updated and available. */
export function deploymentReady(deployment: DeploymentLike): Verdict {
    const name = `${deployment.metadata?.namespace}/${deployment.metadata?.name}`;
    const want = deployment.spec?.replicas ?? 1;
    const status = deployment.status ?? {};
    if ((status.observedGeneration ?? 0) < (deployment.metadata?.generation ?? 0)) {
        return notReady(`${name}: the controller has not seen generation ${deployment.metadata?.generation} yet`);
    }
    const available = condition(status.conditions, "Available");
    if (available?.status !== "True") {
        return notReady(`${name}: not Available (${available?.reason ?? "no condition yet"}${available?.message ? `: ${available.message}` : ""})`);
    }
    if ((status.updatedReplicas ?? 0) < want || (status.availableReplicas ?? 0) < want) {
        return notReady(`${name}: ${status.availableReplicas ?? 0}/${want} available, ${status.updatedReplicas ?? 0}/${want} updated`);
    }
    return ready;
}

interface LabelledSecret {
    metadata?: { labels?: Record<string, string> };
}

/** Every Helm release's newest revision is `deployed`; a release whose newest revision failed or is pending is not. */
export function helmReleasesDeployed(secrets: readonly LabelledSecret[], expected: readonly string[]): Verdict {
    const newest = new Map<string, { version: number; status: string }>();
    for (const labels of secrets.map((secret) => secret.metadata?.labels ?? {}).filter((labels) => labels.owner === "helm" && labels.name)) {
        const version = Number(labels.version);
        const current = newest.get(labels.name);
        if (!current || version > current.version) {
            newest.set(labels.name, { version, status: labels.status });
        }
    }
    for (const name of expected) {
        const release = newest.get(name);
        if (!release) {
            return notReady(`release ${name} is not installed`);
        }
        if (release.status !== "deployed") {
            return notReady(`release ${name} revision ${release.version} is ${release.status}`);
        }
    }
    return ready;
}

/** A Job's outcome: done, failed (with the reason), or still running. */
export function jobOutcome(job: { status?: { conditions?: Condition[]; active?: number } }): "succeeded" | { failed: string } | "running" {
    if (condition(job.status?.conditions, "Complete")?.status === "True") {
        return "succeeded";
    }
    const failed = condition(job.status?.conditions, "Failed");
    return failed?.status === "True" ? { failed: failed.message ?? failed.reason ?? "failed" } : "running";
}

/** Flux objects (GitRepository, Kustomization, HelmRelease) report Ready=True once reconciled. */
export function conditionReady(object: { metadata?: { name?: string }; status?: { conditions?: Condition[] } }): Verdict {
    const readyCondition = condition(object.status?.conditions, "Ready");
    return readyCondition?.status === "True"
        ? ready
        : notReady(
              `${object.metadata?.name}: ${readyCondition?.reason ?? "no Ready condition"}${readyCondition?.message ? `: ${readyCondition.message}` : ""}`,
          );
}

/** The scaling proof: the target reached at least `expected` ready replicas. */
export function scaledTo(deployment: { status?: { readyReplicas?: number } }, expected: number): Verdict {
    const have = deployment.status?.readyReplicas ?? 0;
    return have >= expected ? ready : notReady(`${have} ready replicas, waiting for ${expected}`);
}
