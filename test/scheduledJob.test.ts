import * as assert from "node:assert/strict";
import { healthCheckScript } from "../components/workloads/healthCheckScript";
import { Resources, evaluateConfig } from "./harness/evaluateStack";
import { validValues } from "./harness/fixtures";

const CRONJOB = "kubernetes:batch/v1:CronJob";
const PVC = "kubernetes:core/v1:PersistentVolumeClaim";

describe("ScheduledJob", () => {
    let resources: Resources;
    let cronJob: any;
    before(async () => {
        resources = await evaluateConfig(validValues());
        cronJob = resources.get(CRONJOB, "health-check").inputs.spec;
    });

    it("never runs twice at once and keeps a bounded history", () => {
        assert.equal(cronJob.schedule, "*/5 * * * *");
        assert.equal(cronJob.concurrencyPolicy, "Forbid");
        assert.equal(cronJob.successfulJobsHistoryLimit, 3);
        assert.equal(cronJob.failedJobsHistoryLimit, 3);
        assert.equal(cronJob.jobTemplate.spec.activeDeadlineSeconds, 300);
        assert.equal(cronJob.jobTemplate.spec.template.spec.restartPolicy, "Never");
    });

    it("keeps its output on a PersistentVolumeClaim mounted at the configured path", () => {
        const claim = resources.get(PVC, "health-check-data");
        assert.deepEqual((claim.inputs.spec as any).resources, { requests: { storage: "1Gi" } });
        assert.deepEqual((claim.inputs.spec as any).accessModes, ["ReadWriteOnce"]);
        const pod = cronJob.jobTemplate.spec.template.spec;
        assert.deepEqual(pod.volumes.find((v: any) => v.persistentVolumeClaim), { name: "storage", persistentVolumeClaim: { claimName: "health-check-data" } });
        assert.deepEqual(pod.containers[0].volumeMounts.find((m: any) => m.name === "storage"), { name: "storage", mountPath: "/var/log/health" });
        assert.deepEqual(resources.get(CRONJOB, "health-check").dependsOn, [`${PVC}::health-check-data`]);
    });

    it("has no claim when the job declares no storage", async () => {
        const values = validValues();
        delete values.jobs[0].storage;
        assert.equal((await evaluateConfig(values)).find(PVC, "health-check-data"), undefined);
    });

    it("probes every target service's readiness path and logs to the claim", () => {
        const [shell, flag, script] = cronJob.jobTemplate.spec.template.spec.containers[0].command;
        assert.deepEqual([shell, flag], ["/bin/sh", "-c"]);
        assert.match(script, /check 'web' 'http:\/\/web\.apps\.svc\.cluster\.local:80\/readyz'/);
        assert.match(script, /check 'worker' 'http:\/\/worker\.apps\.svc\.cluster\.local:80\/'/);
        assert.match(script, /tee -a '\/var\/log\/health\/health_check\.log'/);
        assert.match(script, /exit "\$failed"$/);
    });

    it("is created after the services it probes", () => {
        assert.deepEqual(resources.get("platform:workloads:ScheduledJob", "health-check").dependsOn, [
            "kubernetes:core/v1:Service::web",
            "kubernetes:core/v1:Service::worker",
        ]);
    });

    it("runs restricted with requests and limits", () => {
        const pod = cronJob.jobTemplate.spec.template.spec;
        assert.equal(pod.securityContext.runAsNonRoot, true);
        assert.deepEqual(pod.containers[0].securityContext.capabilities, { drop: ["ALL"] });
        assert.equal(pod.containers[0].securityContext.readOnlyRootFilesystem, true);
        assert.deepEqual(Object.keys(pod.containers[0].resources).sort(), ["limits", "requests"]);
        assert.equal(cronJob.jobTemplate.spec.template.metadata.labels.app, "health-check");
        assert.equal(cronJob.jobTemplate.spec.template.metadata.labels.env, "test");
    });
});

describe("healthCheckScript", () => {
    it("quotes targets safely and writes to stdout only without a log file", () => {
        const script = healthCheckScript([{ name: "it's", url: "http://x/" }], 5);
        assert.match(script, /check 'it'\\''s' 'http:\/\/x\/'/);
        assert.match(script, /--max-time 5/);
        assert.doesNotMatch(script, /tee/);
    });
});
