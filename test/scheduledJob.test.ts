import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { healthCheckScript } from "../components/workloads/healthCheckScript";
import { evaluateConfig, Resources } from "./harness/evaluateStack";
import { validValues } from "./harness/fixtures";
import { scratchDir } from "./harness/scratchDir";

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
        assert.deepEqual(
            pod.volumes.find((v: any) => v.persistentVolumeClaim),
            { name: "storage", persistentVolumeClaim: { claimName: "health-check-data" } },
        );
        assert.deepEqual(
            pod.containers[0].volumeMounts.find((m: any) => m.name === "storage"),
            { name: "storage", mountPath: "/var/log/health" },
        );
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
    /** Runs the script with a stub curl that answers each URL with the given HTTP code. */
    function runScript(codes: Record<string, string>, logFile?: string) {
        const bin = scratchDir("health-check");
        const cases = Object.entries(codes)
            .map(([url, code]) => `*${url}*) printf ${code} ;;`)
            .join(" ");
        writeFileSync(join(bin, "curl"), `#!/bin/sh\nfor last; do :; done\ncase "$last" in ${cases} *) printf 000; exit 7 ;; esac\n`);
        chmodSync(join(bin, "curl"), 0o755);
        const script = healthCheckScript(
            [
                { name: "web", url: "http://web/readyz" },
                { name: "api", url: "http://api/" },
            ],
            5,
            logFile,
        );
        return spawnSync("/bin/sh", ["-c", script], { env: { PATH: `${bin}:/usr/bin:/bin` }, encoding: "utf8" });
    }

    it("logs one line per target and succeeds when every target answers 2xx/3xx", () => {
        const log = join(scratchDir("health-log"), "health_check.log");
        const result = runScript({ "http://web/readyz": "200", "http://api/": "302" }, log);
        assert.equal(result.status, 0, result.stderr);
        const lines = readFileSync(log, "utf8").trim().split("\n");
        assert.equal(lines.length, 2);
        assert.match(lines[0], /^\d{4}-\d{2}-\d{2}T\S+Z web http:\/\/web\/readyz 200 ok$/);
        assert.match(lines[1], / api http:\/\/api\/ 302 ok$/);
    });

    it("fails the run when a target errors or cannot be reached, after checking every target", () => {
        const result = runScript({ "http://web/readyz": "503" });
        assert.equal(result.status, 1);
        assert.match(result.stdout, / web http:\/\/web\/readyz 503 FAIL\n/);
        assert.match(result.stdout, / api http:\/\/api\/ 000 FAIL\n/);
    });

    it("quotes targets safely and writes to stdout only without a log file", () => {
        const script = healthCheckScript([{ name: "it's", url: "http://x/" }], 5);
        assert.match(script, /check 'it'\\''s' 'http:\/\/x\/'/);
        assert.match(script, /--max-time 5/);
        assert.doesNotMatch(script, /tee/);
    });
});
