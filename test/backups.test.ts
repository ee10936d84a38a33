// The backups add-on: Velero's values, its bucket and IAM role, the CSI snapshot path
// (snapshot controller, VolumeSnapshotClass), the daily Schedule against Velero's CRD,
// ordering, and the restore drill's pure parts.
import * as assert from "node:assert/strict";

import { veleroBucketPolicy } from "../components/addons/backups/bucketPolicy";
import { VELERO_CHART } from "../components/addons/backups/charts";
import { ttlOf, veleroSchedule } from "../components/addons/backups/schedule";
import { veleroValues } from "../components/addons/backups/veleroValues";
import { ConfigError } from "../stacks/configError";
import { parseStackConfig } from "../stacks/parse";
import { drillCommands, drillMappings, drillOutcome, latestCompletedBackup } from "../tools/restoreDrill";
import { chartCheck, SAMPLE_CREDENTIALS, unknownValueKeys } from "./harness/chartKeys";
import { schemaProblems } from "./harness/crdSchema";
import { evaluateStackFile, Resources } from "./harness/evaluateStack";
import { crdSchema } from "./harness/reference";
import { T } from "./harness/resourceTypes";
import { boundByPodIdentity, roleBinding } from "./harness/workloadIdentity";

const withoutMetadata = (object: any) => ({ ...object, metadata: undefined });

describe("backups add-on", () => {
    let prod: Resources;
    before(async () => {
        prod = await evaluateStackFile("prod");
    });

    // What the chart renders from these values (plugin mount, CSI, no node agent, credentials, region) is checked in chartRender.test.ts.
    it("sets only keys the pinned Velero chart reads", () => {
        assert.deepEqual(
            unknownValueKeys(
                veleroValues({
                    bucket: "b",
                    region: "r",
                    credentials: SAMPLE_CREDENTIALS,
                    serviceMonitor: true,
                    resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } },
                }),
                chartCheck(VELERO_CHART),
            ),
            [],
        );
    });

    it("passes the region it is given to the storage location, and the bucket's name", () => {
        const values = (region: string) =>
            veleroValues({
                bucket: "b",
                region,
                credentials: SAMPLE_CREDENTIALS,
                serviceMonitor: false,
                resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } },
            }) as any;
        assert.notDeepEqual(values("eu-west-1").configuration.backupStorageLocation, values("us-east-1").configuration.backupStorageLocation);
        assert.equal(values("eu-west-1").configuration.backupStorageLocation[0].config.region, "eu-west-1");
        assert.equal(values("eu-west-1").configuration.backupStorageLocation[0].bucket, "b");
    });

    it("keeps backups in a versioned, encrypted, private bucket, protected with the cluster", () => {
        assert.equal(
            (prod.get("aws:s3/bucketVersioning:BucketVersioning", "backups-bucket-versioning").inputs as any).versioningConfiguration.status,
            "Enabled",
        );
        const rules = (prod.get("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "backups-bucket-lifecycle").inputs as any).rules;
        assert.deepEqual(
            rules.map((rule: any) => rule.id),
            ["abort-incomplete-uploads", "expire-noncurrent-versions"],
        );
        const block = prod.get("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "backups-bucket-public-access").inputs as any;
        assert.deepEqual([block.blockPublicAcls, block.blockPublicPolicy, block.ignorePublicAcls, block.restrictPublicBuckets], [true, true, true, true]);
        assert.ok(prod.get("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "backups-bucket-encryption"));
        // Protected with the cluster, and deleted with its objects only once unprotected (privateBucket.ts).
        const bucket = prod.get("aws:s3/bucket:Bucket", "backups-bucket");
        assert.deepEqual([bucket.protect, (bucket.inputs as any).forceDestroy], [true, false]);
    });

    it("gives Velero's server account (only) the plugin's S3 rights on its bucket, and no EC2 rights (snapshots go through CSI)", () => {
        assert.deepEqual(roleBinding(prod, "backups-velero"), boundByPodIdentity("velero:velero-server"));
        const policy = JSON.parse(veleroBucketPolicy("arn:aws:s3:::b"));
        const actions = policy.Statement.flatMap((s: any) => s.Action);
        assert.ok(!actions.some((action: string) => action.startsWith("ec2:")));
        assert.deepEqual(policy.Statement.flatMap((s: any) => s.Resource).sort(), ["arn:aws:s3:::b", "arn:aws:s3:::b/*"]);
    });

    it("installs the EKS snapshot controller (the CRDs) and a VolumeSnapshotClass for EBS labelled for Velero", () => {
        const addon = prod.get(T.addon, "snapshot-controller");
        assert.equal((addon.inputs as any).addonName, "snapshot-controller");
        assert.ok(addon.dependsOn.some((d) => d.includes("NodeGroup")));
        const vsc = prod.get(T.snapshotClass, "backups-ebs-snapshot-class");
        assert.deepEqual(
            schemaProblems(withoutMetadata(vsc.inputs), crdSchema("snapshot.storage.k8s.io_volumesnapshotclasses", "v1")).filter(
                (p) => !p.startsWith("metadata"),
            ),
            [],
        );
        const inputs = vsc.inputs as any;
        assert.deepEqual(
            [inputs.driver, inputs.deletionPolicy, inputs.metadata.labels["velero.io/csi-volumesnapshot-class"]],
            ["ebs.csi.aws.com", "Retain", "true"],
        );
        assert.deepEqual(vsc.dependsOn, [`${T.addon}::snapshot-controller`]);
    });

    it("backs up the apps' and jobs' namespaces and monitoring daily, kept for the retention, after Velero's release", () => {
        const schedule = prod.get(T.schedule, "backups-schedule");
        assert.deepEqual(
            schemaProblems(withoutMetadata(schedule.inputs), crdSchema("velero.io_schedules", "v1")).filter((p) => !p.startsWith("metadata")),
            [],
        );
        const spec = (schedule.inputs as any).spec;
        const workloads = prod
            .ofType(T.deployment)
            .concat(prod.ofType(T.cronJob))
            .map((workload) => (workload.inputs as any).metadata.namespace);
        const monitoring = (prod.get(T.release, "monitoring-kube-prometheus-stack").inputs as any).namespace;
        assert.ok(
            [...workloads, monitoring].every((namespace) => spec.template.includedNamespaces.includes(namespace)),
            spec.template.includedNamespaces.join(", "),
        );
        assert.equal(spec.template.ttl, "720h0m0s");
        assert.equal(spec.schedule, "0 3 * * *");
        assert.equal(spec.useOwnerReferencesInBackup, false);
        assert.deepEqual(schedule.dependsOn, [`${T.release}::backups-velero`]);
        assert.equal(ttlOf(7), "168h0m0s");
    });

    it("backs up every team namespace, one that holds none of the stack's apps too (the GitOps tree's)", () => {
        const included: string[] = (prod.get(T.schedule, "backups-schedule").inputs as any).spec.template.includedNamespaces;
        // Every team namespace gets the team's ResourceQuota (components/teams/teams.ts).
        const teamNamespaces = prod.ofType("kubernetes:core/v1:ResourceQuota").map((quota) => (quota.inputs as any).metadata.namespace);
        assert.ok(teamNamespaces.length >= 4, teamNamespaces.join(", "));
        assert.deepEqual(
            teamNamespaces.filter((namespace) => !included.includes(namespace)),
            [],
        );
    });

    // velero v1.18 crds/schedules.yaml spec.template.excludedResources: resources left out of each backup.
    it("leaves Secrets out of backups unless the stack asks for them", () => {
        const spec = (prod.get(T.schedule, "backups-schedule").inputs as any).spec;
        assert.deepEqual(spec.template.excludedResources, ["secrets"]);
        const options = { namespace: "velero", cron: "0 3 * * *", retentionDays: 1, includedNamespaces: ["apps"], storageLocation: "default", labels: {} };
        assert.equal((veleroSchedule({ ...options, includeSecrets: true }).spec as any).template.excludedResources, undefined);
    });

    it("refuses a bad schedule or retention at plan time", () => {
        const values = (backups: unknown) => ({
            environment: "prod",
            cluster: { type: "eks", nodeGroups: [{ name: "general", instanceTypes: ["m7i.large"], minSize: 2, maxSize: 4, desiredSize: 2 }] },
            backups,
        });
        for (const [backups, key] of [
            [{ schedule: "daily" }, "backups.schedule"],
            [{ retentionDays: 0 }, "backups.retentionDays"],
        ] as const) {
            assert.throws(
                () => parseStackConfig({ stack: "test", values: values(backups) }),
                (error: unknown) => error instanceof ConfigError && error.problems.some((p) => p.key === key),
                key,
            );
        }
    });

    describe("restore drill", () => {
        const backup = (name: string, phase: string, at: string, schedule = "daily") => ({
            metadata: { name, labels: { "velero.io/schedule-name": schedule } },
            spec: { includedNamespaces: ["apps", "monitoring"] },
            status: { phase, completionTimestamp: at },
        });

        it("takes the newest completed backup of the schedule", () => {
            const list = {
                items: [
                    backup("daily-1", "Completed", "2026-12-01T03:05:00Z"),
                    backup("daily-3", "PartiallyFailed", "2026-12-03T03:05:00Z"),
                    backup("daily-2", "Completed", "2026-12-02T03:05:00Z"),
                    backup("manual", "Completed", "2026-12-04T00:00:00Z", "other"),
                ],
            };
            assert.equal(latestCompletedBackup(list, "daily")?.metadata.name, "daily-2");
            assert.equal(latestCompletedBackup({ items: [] }, "daily"), undefined);
        });

        it("restores beside the live namespaces, never over them, and cleans up", () => {
            assert.equal(drillMappings(["apps"]), "apps:apps-drill");
            const plan = drillCommands(backup("daily-2", "Completed", "x"), "velero", new Date("2026-12-05T10:11:12Z"), ["apps"]);
            assert.equal(plan.restoreName, "drill-20261205t101112");
            assert.deepEqual(plan.commands[0], [
                "velero",
                "restore",
                "create",
                "drill-20261205t101112",
                "--namespace",
                "velero",
                "--from-backup",
                "daily-2",
                "--include-namespaces",
                "apps",
                "--namespace-mappings",
                "apps:apps-drill",
                "--wait",
            ]);
            assert.deepEqual(plan.cleanup, [["kubectl", "delete", "namespace", "apps-drill", "--ignore-not-found", "--wait=false"]]);
            assert.equal(drillCommands(backup("b", "Completed", "x"), "velero", new Date(0)).cleanup.length, 2);
        });

        it("passes only a Completed restore without errors", () => {
            assert.deepEqual(drillOutcome({ status: { phase: "Completed", errors: 0, warnings: 2 } }), {
                ok: true,
                summary: "phase Completed, 0 errors, 2 warnings",
            });
            assert.equal(drillOutcome({ status: { phase: "PartiallyFailed", errors: 3 } }).ok, false);
            assert.equal(drillOutcome({}).ok, false);
        });
    });
});
