import * as assert from "node:assert/strict";

import { appAlertRules } from "../components/addons/monitoring/appAlertRules";
import { appDashboard } from "../components/addons/monitoring/appDashboard";
import { ruleObjects } from "../components/addons/monitoring/appMonitoring";
import { MAX_OBJECT_BYTES } from "../offline/validation/schemaViolations";

const app = { name: "backend-api", namespace: "apps", environment: "prod", minReplicas: 2, maxReplicas: 6 };

describe("app alerting rules", () => {
    const group = appAlertRules(app);
    const rule = (name: string) => group.rules.find((r) => r.alert === name)!;

    it("covers crash loops, unready pods, an unavailable app and an HPA pinned at its maximum", () => {
        assert.equal(group.name, "app-backend-api");
        assert.deepEqual(
            group.rules.map((r) => r.alert),
            ["AppPodCrashLooping", "AppPodNotReady", "AppUnavailable", "AppHpaAtMaximum"],
        );
    });

    it("scopes every expression to the app's namespace and its container, Deployment or HPA", () => {
        assert.match(
            rule("AppPodCrashLooping").expr,
            /kube_pod_container_status_waiting_reason\{namespace="apps", container="backend-api", reason="CrashLoopBackOff"\}/,
        );
        assert.match(
            rule("AppPodNotReady").expr,
            /kube_pod_status_ready\{namespace="apps", condition="false"\}.*kube_pod_container_info\{namespace="apps", container="backend-api"\}/,
        );
        assert.match(rule("AppUnavailable").expr, /deployment="backend-api"/);
        assert.match(rule("AppHpaAtMaximum").expr, /current_replicas\{namespace="apps", horizontalpodautoscaler="backend-api"\}.*>=.*spec_max_replicas/);
        for (const r of group.rules) {
            assert.match(r.expr, /namespace="apps"/, r.alert);
        }
    });

    it("waits long enough to skip rollouts and restarts, and pages only for an unavailable app", () => {
        assert.deepEqual(
            group.rules.map((r) => [r.alert, r.for, r.labels.severity]),
            [
                ["AppPodCrashLooping", "10m", "warning"],
                ["AppPodNotReady", "10m", "warning"],
                ["AppUnavailable", "5m", "critical"],
                ["AppHpaAtMaximum", "15m", "warning"],
            ],
        );
        for (const r of group.rules) {
            assert.deepEqual([r.labels.app, r.labels.env], ["backend-api", "prod"]);
            assert.ok(r.annotations.summary && r.annotations.description, r.alert);
        }
    });

    it("has no HPA alert when the minimum equals the maximum", () => {
        assert.ok(!appAlertRules({ ...app, minReplicas: 3, maxReplicas: 3 }).rules.some((r) => r.alert === "AppHpaAtMaximum"));
    });

    it("cuts a namespace with hundreds of apps into PrometheusRules that etcd stores, keeping every group once and in order", () => {
        const groupsOf = (count: number, prefix = "a-rather-long-application-name") =>
            Array.from({ length: count }, (_, index) => appAlertRules({ ...app, name: `${prefix}-${index}` }));
        const objectBytes = (groups: unknown[]) =>
            Buffer.byteLength(JSON.stringify({ apiVersion: "monitoring.coreos.com/v1", kind: "PrometheusRule", metadata: { name: "x" }, spec: { groups } }));
        const many = groupsOf(1000);
        // One object would not be stored (the plan's schema check refuses it, as the API server would).
        assert.ok(objectBytes(many) > MAX_OBJECT_BYTES);
        const objects = ruleObjects(many);
        assert.ok(objects.length > 1);
        assert.ok(objects.every((groups) => objectBytes(groups) <= MAX_OBJECT_BYTES));
        assert.deepEqual(objects.flat(), many);
        // 200 apps with names like the benchmark's clones keep one object per namespace.
        assert.equal(ruleObjects(groupsOf(200, "extra")).length, 1);
    });
});

describe("app dashboard", () => {
    const dashboard = appDashboard([app, { name: "data-api", namespace: "data" }], "prod") as any;

    it("offers every app and namespace as variables", () => {
        const [apps, namespaces] = dashboard.templating.list;
        assert.deepEqual([apps.name, apps.query, apps.allValue], ["app", "backend-api,data-api", "backend-api|data-api"]);
        assert.deepEqual([namespaces.name, namespaces.query], ["namespace", "apps,data"]);
    });

    it("charts CPU, memory, restarts and replicas from the Prometheus data source", () => {
        const exprs = dashboard.panels.map((p: any) => p.targets.map((t: any) => t.expr).join(" "));
        assert.match(exprs[0], /container_cpu_usage_seconds_total\{namespace=~"\$namespace", container=~"\$app"\}/);
        assert.match(exprs[1], /container_memory_working_set_bytes/);
        assert.match(exprs[2], /kube_pod_container_status_restarts_total/);
        assert.match(exprs[3], /kube_deployment_status_replicas_available.*kube_horizontalpodautoscaler_spec_max_replicas/);
        for (const panel of dashboard.panels) {
            assert.deepEqual(panel.datasource, { type: "prometheus", uid: "prometheus" });
        }
        assert.equal(dashboard.uid, "platform-apps");
    });
});
