// The logs add-on: Loki's values per cluster type, the Alloy pipeline and its restricted,
// hostPath-free DaemonSet, Loki's bucket and IAM role on EKS, and Grafana's Loki data
// source through the monitoring add-on.
import * as assert from "node:assert/strict";

import { alloyConfig } from "../components/addons/logs/alloyConfig";
import { alloyValues } from "../components/addons/logs/alloyValues";
import { ALLOY_CHART, LOKI_CHART } from "../components/addons/logs/charts";
import { bucketExpiryDays } from "../components/addons/logs/lokiBucket";
import { lokiBucketPolicy } from "../components/addons/logs/lokiBucketPolicy";
import { lokiUrl, lokiValues } from "../components/addons/logs/lokiValues";
import { lifecycleRules } from "../components/aws/privateBucket";
import { chartCheck, SAMPLE_CREDENTIALS, unknownValueKeys } from "./harness/chartKeys";
import { evaluateStackFile, Resources } from "./harness/evaluateStack";
import { boundByPodIdentity, roleBinding } from "./harness/workloadIdentity";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const R = { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } };
const values = (resources: Resources, name: string) => (resources.get(RELEASE, name).inputs as any).values;

describe("logs add-on", () => {
    let dev: Resources;
    let prod: Resources;
    before(async () => {
        dev = await evaluateStackFile("dev", { "platform:externalIntegrationKey": "k" });
        prod = await evaluateStackFile("prod");
    });

    it("runs Loki as one Monolithic StatefulSet: filesystem on kind, S3 through its service account's role on EKS", () => {
        const kind = values(dev, "logs-loki");
        assert.equal(kind.deploymentMode, "Monolithic");
        assert.deepEqual(kind.loki.storage, { type: "filesystem" });
        assert.equal(kind.loki.schemaConfig.configs[0].object_store, "filesystem");
        assert.equal(kind.serviceAccount, undefined);
        const eks = values(prod, "logs-loki");
        assert.equal(eks.loki.storage.type, "s3");
        assert.equal(eks.loki.storage.s3.region, "us-east-1");
        assert.equal(eks.loki.schemaConfig.configs[0].object_store, "s3");
        // One StatefulSet, its volume's StorageClass and the Service Alloy pushes to: checked in chartRender.test.ts.
    });

    it("keeps each stack's retention: the compactor deletes, with a delete-request store (retention.md:70,95-97)", () => {
        assert.equal(values(dev, "logs-loki").loki.limits_config.retention_period, "168h");
        assert.equal(values(prod, "logs-loki").loki.limits_config.retention_period, "720h");
        assert.deepEqual(values(prod, "logs-loki").loki.compactor, { retention_enabled: true, delete_request_store: "s3" });
        assert.deepEqual(values(dev, "logs-loki").loki.compactor, { retention_enabled: true, delete_request_store: "filesystem" });
    });

    it("sets only keys the pinned Loki and Alloy charts read, for both storages", () => {
        for (const storage of [{ type: "filesystem" as const }, { type: "s3" as const, bucket: "b", region: "r", credentials: SAMPLE_CREDENTIALS }]) {
            assert.deepEqual(
                unknownValueKeys(lokiValues({ storage, retentionDays: 7, volume: { size: "10Gi" }, resources: R }), chartCheck(LOKI_CHART)),
                [],
                storage.type,
            );
        }
        assert.deepEqual(unknownValueKeys(alloyValues({ config: "", resources: R }), chartCheck(ALLOY_CHART)), []);
    });

    it("gives the bucket encryption, no versioning, no public access, and an expiry a day past the retention", () => {
        const bucket = (type: string, suffix: string) => prod.get(`aws:s3/${type}`, `logs-loki-chunks-${suffix}`).inputs as any;
        assert.equal(bucket("bucketVersioning:BucketVersioning", "versioning").versioningConfiguration.status, "Disabled");
        assert.deepEqual(
            bucket("bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "encryption").rules[0].applyServerSideEncryptionByDefault,
            { sseAlgorithm: "AES256" },
        );
        const block = bucket("bucketPublicAccessBlock:BucketPublicAccessBlock", "public-access");
        assert.deepEqual([block.blockPublicAcls, block.blockPublicPolicy, block.ignorePublicAcls, block.restrictPublicBuckets], [true, true, true, true]);
        const rules = bucket("bucketLifecycleConfiguration:BucketLifecycleConfiguration", "lifecycle").rules;
        assert.equal(rules.find((r: any) => r.id === "expire-objects").expiration.days, 31);
        assert.equal(bucketExpiryDays(30), 31);
        assert.equal(
            lifecycleRules({ versioning: false, expireAfterDays: 8 }).some((rule) => rule.id === "expire-noncurrent-versions"),
            false,
        );
        assert.equal((prod.get("aws:s3/bucket:Bucket", "logs-loki-chunks") as any).protect, true);
    });

    it("lets only Loki's service account assume its role, bound to it, with bucket-only S3 rights", () => {
        assert.deepEqual(roleBinding(prod, "logs-loki"), boundByPodIdentity("logging:loki"));
        const policy = JSON.parse(lokiBucketPolicy("arn:aws:s3:::b"));
        assert.deepEqual(
            policy.Statement.map((s: any) => [s.Action, s.Resource]),
            [
                [["s3:ListBucket"], ["arn:aws:s3:::b"]],
                [["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], ["arn:aws:s3:::b/*"]],
            ],
        );
    });

    it("ships logs through the API from the node's own pods, labelled app, env, namespace and pod", () => {
        const config = alloyConfig(`${lokiUrl("logging")}/loki/api/v1/push`, "dev");
        // discovery.kubernetes.md:456-473: the chart sets HOSTNAME from spec.nodeName.
        assert.match(config, /field = "spec\.nodeName=" \+ coalesce\(sys\.env\("HOSTNAME"\), constants\.hostname\)/);
        assert.match(config, /loki\.source\.kubernetes "pods"/);
        assert.doesNotMatch(config, /loki\.source\.file/);
        for (const label of ["app", "env", "namespace", "pod"]) {
            assert.match(config, new RegExp(`target_label += "${label}"`), label);
        }
        assert.match(config, /url = "http:\/\/loki\.logging\.svc\.cluster\.local:3100\/loki\/api\/v1\/push"/);
    });

    it("runs Alloy restricted: no hostPath, non-root 473, read-only root", () => {
        const alloy = values(dev, "logs-alloy");
        // What the chart renders from these values (DaemonSet, no hostPath, read-only, no capabilities, not root) is checked in chartRender.test.ts.
        assert.ok(alloy.global.podSecurityContext.runAsUser > 0);
        assert.deepEqual((dev.get(RELEASE, "logs-alloy") as any).dependsOn.includes(`${RELEASE}::logs-loki`), true);
    });

    it("hands Grafana the Loki data source through kube-prometheus-stack, in Grafana's own namespace", () => {
        for (const stack of [dev, prod]) {
            const grafana = values(stack, "monitoring-kube-prometheus-stack").grafana;
            assert.deepEqual(grafana.additionalDataSources, [
                {
                    name: "Loki",
                    type: "loki",
                    uid: "loki",
                    url: "http://loki.logging.svc.cluster.local:3100",
                    access: "proxy",
                    isDefault: false,
                    editable: false,
                },
            ]);
            // Grafana still reads ConfigMaps of its own namespace only.
            assert.equal(grafana.sidecar.dashboards.searchNamespace, "monitoring");
            assert.equal(grafana.rbac.namespaced, true);
        }
    });

    it("labels the logging namespace restricted", () => {
        const ns = dev.get("kubernetes:core/v1:Namespace", "logging").inputs as any;
        assert.equal(ns.metadata.labels["pod-security.kubernetes.io/enforce"], "restricted");
    });
});
