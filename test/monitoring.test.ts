import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { load } from "js-yaml";

import { isSecretMarker, revealSecrets } from "../offline/secretValues";
import { schemaProblems } from "./harness/crdSchema";
import { evaluateConfig, evaluateStackFile, Resources } from "./harness/evaluateStack";
import { validValues } from "./harness/fixtures";
import { crdSchema, expectedInstall, installedChart, REFERENCE_DIR, referenceAvailable, referenceChart, skipWithoutReference } from "./harness/reference";
import { T } from "./harness/resourceTypes";

const KPS = `${T.release}::monitoring-kube-prometheus-stack`;
const ALERTMANAGER_CONFIG = "route:\n  receiver: ops\nreceivers:\n  - name: ops\n    webhook_configs:\n      - url: https://hooks.example.net/T0KEN-in-url\n";

const release = (resources: Resources, name: string) => resources.get(T.release, name).inputs as any;

describe("monitoring", () => {
    let dev: Resources;
    let prod: Resources;
    before(async () => {
        dev = await evaluateStackFile("dev", { "platform:externalIntegrationKey": "k" });
        prod = await evaluateStackFile("prod");
    });

    it("installs metrics-server in kube-system and kube-prometheus-stack in the namespace it waits for, each chart at the version and from the repository the reference pins", function () {
        for (const stack of [dev, prod]) {
            const metrics = release(stack, "monitoring-metrics-server");
            assert.deepEqual({ name: metrics.name, namespace: metrics.namespace }, { name: "metrics-server", namespace: "kube-system" });
            const kps = stack.get(T.release, "monitoring-kube-prometheus-stack");
            const namespaces = kps.dependsOn
                .filter((key) => key.startsWith(`${T.namespace}::`))
                .map((key) => (stack.get(T.namespace, key.split("::")[1]).inputs.metadata as any).name);
            assert.deepEqual(namespaces, [(kps.inputs as any).namespace]);
        }
        const metricsServer = referenceChart("metrics-server");
        const kubePrometheusStack = referenceChart("kube-prometheus-stack");
        if (!metricsServer || !kubePrometheusStack) {
            skipWithoutReference(this);
        }
        for (const stack of [dev, prod]) {
            assert.deepEqual(installedChart(release(stack, "monitoring-metrics-server")), expectedInstall(metricsServer));
            assert.deepEqual(installedChart(release(stack, "monitoring-kube-prometheus-stack")), expectedInstall(kubePrometheusStack));
        }
    });

    // A Helm upgrade that rolls Prometheus' StatefulSet waits for the old pod to stop: the platform sets no
    // prometheusSpec.terminationGracePeriodSeconds, so the operator's default applies (the Prometheus CRD of
    // kube-prometheus-stack 88.5.3, charts/crds/crds/crd-prometheuses.yaml:10386-10392: "Defaults to 600 seconds").
    // metrics-server turns Ready within its readiness probe's window (chart 3.13.1 values.yaml:112-119:
    // initialDelaySeconds 20, periodSeconds 10, failureThreshold 3).
    const PROMETHEUS_TERMINATION_GRACE_SECONDS = 600;
    const METRICS_SERVER_READINESS_SECONDS = 20 + 10 * 3;

    it("upgrades atomically, cleaning up failed upgrades, with timeouts that outlast a Prometheus pod's graceful stop and metrics-server's readiness window", () => {
        for (const stack of [dev, prod]) {
            const kps = release(stack, "monitoring-kube-prometheus-stack");
            const metrics = release(stack, "monitoring-metrics-server");
            for (const inputs of [kps, metrics]) {
                assert.deepEqual(
                    { atomic: inputs.atomic, cleanupOnFail: inputs.cleanupOnFail, createNamespace: inputs.createNamespace },
                    { atomic: true, cleanupOnFail: true, createNamespace: false },
                );
            }
            assert.equal(kps.values.prometheus.prometheusSpec.terminationGracePeriodSeconds, undefined);
            assert.ok(kps.timeout > PROMETHEUS_TERMINATION_GRACE_SECONDS, `kube-prometheus-stack's timeout ${kps.timeout}s`);
            assert.ok(metrics.timeout > METRICS_SERVER_READINESS_SECONDS, `metrics-server's timeout ${metrics.timeout}s`);
        }
    });

    it("measures those timeouts against what the pinned charts say", function () {
        if (!referenceAvailable()) {
            skipWithoutReference(this);
        }
        const crd = load(readFileSync(join(REFERENCE_DIR, "charts/kube-prometheus-stack/charts/crds/crds/crd-prometheuses.yaml"), "utf8")) as any;
        const grace = crd.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.terminationGracePeriodSeconds;
        assert.match(grace.description, new RegExp(`Defaults to ${PROMETHEUS_TERMINATION_GRACE_SECONDS} seconds`));
        const readiness = (load(readFileSync(join(REFERENCE_DIR, "charts/metrics-server/values.yaml"), "utf8")) as any).readinessProbe;
        assert.equal(readiness.initialDelaySeconds + readiness.periodSeconds * readiness.failureThreshold, METRICS_SERVER_READINESS_SECONDS);
    });

    it("uses kind's values on dev and EKS's on prod", () => {
        assert.deepEqual(release(dev, "monitoring-metrics-server").values.args, ["--kubelet-insecure-tls"]);
        assert.deepEqual(release(prod, "monitoring-metrics-server").values.args, []);
        const devSpec = release(dev, "monitoring-kube-prometheus-stack").values.prometheus.prometheusSpec;
        const prodSpec = release(prod, "monitoring-kube-prometheus-stack").values.prometheus.prometheusSpec;
        assert.equal(devSpec.storageSpec, undefined);
        assert.equal(prodSpec.storageSpec.volumeClaimTemplate.spec.storageClassName, "gp3");
        assert.equal(release(dev, "monitoring-kube-prometheus-stack").values.grafana.service.type, "NodePort");
        assert.equal(release(prod, "monitoring-kube-prometheus-stack").values.grafana.service.type, "ClusterIP");
    });

    it("creates the releases after their namespace, and on EKS after the gp3 StorageClass", () => {
        assert.ok(dev.get(T.release, "monitoring-kube-prometheus-stack").dependsOn.includes(`${T.namespace}::monitoring`));
        assert.ok(prod.get("platform:monitoring:Monitoring", "monitoring").dependsOn.includes("kubernetes:storage.k8s.io/v1:StorageClass::gp3"));
        assert.ok(dev.get("platform:monitoring:Monitoring", "monitoring").dependsOn.includes(`${T.namespace}::monitoring`));
    });

    it("runs the monitoring namespace privileged for node-exporter", () => {
        const labels = (dev.get(T.namespace, "monitoring").inputs.metadata as any).labels;
        assert.equal(labels["pod-security.kubernetes.io/enforce"], "privileged");
        assert.equal(labels.env, "dev");
    });

    describe("Grafana admin credentials", () => {
        it("generates a password when the stack sets none and exports it as a secret", async () => {
            const password = dev.get(T.password, "monitoring-grafana-admin-password");
            assert.deepEqual(password.inputs, { length: 32, special: false });
            const secret = dev.get(T.secret, "monitoring-grafana-admin-credentials").inputs as any;
            assert.ok(isSecretMarker(secret.stringData), "stringData must be a Pulumi secret");
            assert.deepEqual(revealSecrets(secret.stringData), { "admin-user": "admin", "admin-password": "mock-password-monitoring-grafana-admin-password" });
            assert.equal(secret.metadata.namespace, "monitoring");
            const output = dev.outputs.grafanaAdminPassword as pulumi.Output<string>;
            assert.equal(await pulumi.isSecret(output), true);
            assert.equal(dev.outputs.grafanaAdminUser, "admin");
        });

        it("takes the password from secret config when it is set, generating none", async () => {
            const values = validValues();
            values.monitoring = { grafana: { adminUser: "platform-admin" } };
            const resources = await evaluateConfig(values, { grafanaAdminPassword: "configured-Passw0rd" });
            assert.equal(resources.find(T.password, "monitoring-grafana-admin-password"), undefined);
            const secret = resources.get(T.secret, "monitoring-grafana-admin-credentials").inputs as any;
            assert.ok(isSecretMarker(secret.stringData));
            assert.deepEqual(revealSecrets(secret.stringData), { "admin-user": "platform-admin", "admin-password": "configured-Passw0rd" });
        });

        it("reaches the chart only by Secret name: no secret value in any release's values", async () => {
            const values = validValues();
            const resources = await evaluateConfig(values, { grafanaAdminPassword: "configured-Passw0rd", alertmanagerConfig: ALERTMANAGER_CONFIG });
            const kps = resources.get(T.release, "monitoring-kube-prometheus-stack");
            assert.deepEqual(
                kps.dependsOn.filter((d) => d.startsWith(T.secret)),
                [`${T.secret}::monitoring-grafana-admin-credentials`, `${T.secret}::monitoring-alertmanager-platform-config`],
            );
            // The chart reads the user and password from the named Secret's keys (grafana 12.11.1 templates/_pod.tpl, admin.existingSecret).
            const admin = (kps.inputs as any).values.grafana.admin;
            const credentials = resources.get(T.secret, "monitoring-grafana-admin-credentials").inputs as any;
            assert.equal(admin.existingSecret, credentials.metadata.name);
            assert.equal(credentials.metadata.namespace, (kps.inputs as any).namespace);
            const stored = revealSecrets(credentials.stringData) as Record<string, string>;
            assert.deepEqual([stored[admin.userKey], stored[admin.passwordKey]], ["admin", "configured-Passw0rd"]);
            for (const stack of [resources, dev, prod]) {
                for (const r of stack.ofType(T.release)) {
                    const text = JSON.stringify((r.inputs as any).values);
                    for (const secret of ["configured-Passw0rd", "T0KEN-in-url", "mock-password", "not-a-real-key"]) {
                        assert.ok(!text.includes(secret), `${r.name} values contain a secret`);
                    }
                    assert.ok(!containsSecretMarker((r.inputs as any).values), `${r.name} values hold a Pulumi secret`);
                }
            }
        });
    });

    describe("Alertmanager", () => {
        it("delivers the configured receivers through a Secret the Alertmanager references", async () => {
            const resources = await evaluateConfig(validValues(), { alertmanagerConfig: ALERTMANAGER_CONFIG });
            const secret = resources.get(T.secret, "monitoring-alertmanager-platform-config").inputs as any;
            assert.ok(isSecretMarker(secret.stringData));
            assert.deepEqual(revealSecrets(secret.stringData), { "alertmanager.yaml": ALERTMANAGER_CONFIG });
            assert.equal(secret.metadata.namespace, "monitoring");
            const spec = release(resources, "monitoring-kube-prometheus-stack").values.alertmanager.alertmanagerSpec;
            assert.equal(spec.configSecret, secret.metadata.name, "the Alertmanager names the Secret the stack writes");
            assert.equal(spec.useExistingSecret, true);
        });

        it("keeps the chart's default config when the stack sets none", () => {
            assert.equal(dev.find(T.secret, "monitoring-alertmanager-platform-config"), undefined);
            assert.equal(release(dev, "monitoring-kube-prometheus-stack").values.alertmanager.alertmanagerSpec.configSecret, undefined);
        });
    });

    describe("app monitoring", () => {
        it("gives every app with metrics a ServiceMonitor that waits for kube-prometheus-stack", () => {
            for (const app of ["backend-api", "data-api"]) {
                const monitor = dev.get(T.serviceMonitor, `${app}-monitor`);
                assert.ok(monitor.dependsOn.includes(KPS), app);
                assert.equal(monitor.provider, "pulumi:providers:kubernetes::cluster");
            }
        });

        it("adds one PrometheusRule per app namespace with a rule group per app, after kube-prometheus-stack", () => {
            // Other add-ons' rules (keda-alerts) live in their own namespaces.
            assert.deepEqual(
                dev
                    .ofType(T.prometheusRule)
                    .map((r) => r.name)
                    .filter((name) => name.startsWith("app-monitoring")),
                ["app-monitoring-backend-namespace-platform-app-alerts", "app-monitoring-data-namespace-platform-app-alerts"],
            );
            const groups = [
                ["backend-namespace", "backend-api"],
                ["data-namespace", "data-api"],
            ].flatMap(([namespace, app]) => {
                const rule = dev.get(T.prometheusRule, `app-monitoring-${namespace}-platform-app-alerts`);
                assert.deepEqual(rule.dependsOn, [KPS]);
                const inputs = rule.inputs as any;
                assert.equal(inputs.metadata.namespace, namespace);
                assert.deepEqual([inputs.metadata.labels.app, inputs.metadata.labels.env], ["platform-app-alerts", "dev"]);
                assert.deepEqual(
                    inputs.spec.groups.map((g: any) => g.name),
                    [`app-${app}`],
                );
                return inputs.spec.groups;
            });
            for (const group of groups) {
                const alerts = group.rules.map((r: any) => r.alert);
                assert.ok(alerts.includes("AppPodCrashLooping") && alerts.includes("AppPodNotReady") && alerts.includes("AppHpaAtMaximum"), alerts.join());
                assert.ok(
                    group.rules.every((r: any) => r.labels.app === group.name.replace(/^app-/, "")),
                    "each rule names its app",
                );
            }
        });

        it("adds a dashboard ConfigMap the Grafana sidecar picks up, after kube-prometheus-stack", () => {
            const dashboard = dev.get(T.configMap, "app-monitoring-platform-apps-dashboard");
            assert.deepEqual(dashboard.dependsOn, [KPS]);
            const inputs = dashboard.inputs as any;
            assert.equal(inputs.metadata.namespace, "monitoring");
            assert.equal(inputs.metadata.labels.grafana_dashboard, "1");
            const json = JSON.parse(inputs.data["platform-apps.json"]);
            // The logs panel, since the logs add-on is on (Loki's data source uid from the logStore capability).
            assert.deepEqual(
                json.panels.map((p: any) => p.title),
                ["CPU usage (cores)", "Memory working set", "Container restarts (1h)", "Replicas", "Logs"],
            );
            assert.deepEqual(json.panels[4].targets[0], {
                refId: "A",
                datasource: { type: "loki", uid: "loki" },
                expr: '{namespace=~"$namespace", app=~"$app"}',
                queryType: "range",
            });
            assert.equal(json.templating.list[0].query, "backend-api,data-api");
        });

        it("writes ServiceMonitors and PrometheusRules the reference CRDs accept", () => {
            const checks: [string, string][] = [
                [T.serviceMonitor, "monitoring.coreos.com_servicemonitors"],
                [T.prometheusRule, "monitoring.coreos.com_prometheusrules"],
            ];
            for (const [type, crd] of checks) {
                const schema = crdSchema(crd, "v1");
                const objects = [...dev.ofType(type), ...prod.ofType(type)];
                assert.ok(objects.length >= 2, type);
                for (const object of objects) {
                    assert.deepEqual(schemaProblems(object.inputs, schema), [], `${type}::${object.name}`);
                }
            }
        });

        it("catches a field the CRD would drop and a missing required field", () => {
            const schema = crdSchema("monitoring.coreos.com_servicemonitors", "v1");
            const monitor = structuredClone(dev.get(T.serviceMonitor, "backend-api-monitor").inputs as any);
            monitor.spec.endpoints[0].intervall = "30s";
            delete monitor.spec.selector;
            assert.deepEqual(schemaProblems(monitor, schema), [
                "spec.selector: is required",
                "spec.endpoints[0].intervall: unknown field (the API server would drop it)",
            ]);
        });
    });

    describe("outputs", () => {
        it("tells how to reach Grafana and Prometheus: localhost on dev, port-forward on prod", () => {
            assert.deepEqual(dev.outputs.monitoringAccess, {
                grafana: "http://localhost:3000",
                prometheus: "http://localhost:9090",
                alertmanager: "kubectl -n monitoring port-forward svc/kube-prometheus-stack-alertmanager 9093:9093",
            });
            // That each port-forward names a Service and port the chart renders is checked in chartRender.test.ts.
            assert.match((prod.outputs.monitoringAccess as any).grafana, /^kubectl -n monitoring port-forward svc\/\S+ 3000:\d+$/);
        });
    });

    it("installs nothing of it when monitoring is disabled, and apps get no ServiceMonitor", async () => {
        const values = validValues();
        values.monitoring = { enabled: false };
        values.gitops = { enabled: false }; // Flux is a Helm release too
        values.logs = { enabled: false }; // and so are Loki, Alloy and Kyverno
        values.admissionPolicy = { enabled: false };
        const resources = await evaluateConfig(values);
        assert.deepEqual(resources.ofType(T.release), []);
        assert.deepEqual([...resources.ofType(T.serviceMonitor), ...resources.ofType(T.prometheusRule)], []);
        assert.equal(resources.find(T.namespace, "monitoring"), undefined);
        assert.equal(resources.outputs.grafanaAdminPassword, undefined);
    });

    it("can keep metrics-server off and skip the app rules and dashboard", async () => {
        const values = validValues();
        values.monitoring = { metricsServer: { enabled: false }, appMonitoring: false };
        values.gitops = { enabled: false }; // Flux is a Helm release too
        values.logs = { enabled: false }; // and so are Loki, Alloy and Kyverno
        values.admissionPolicy = { enabled: false };
        const resources = await evaluateConfig(values);
        assert.deepEqual(
            resources.ofType(T.release).map((r) => r.name),
            ["monitoring-kube-prometheus-stack"],
        );
        assert.deepEqual(resources.ofType(T.prometheusRule), []);
        assert.equal(resources.find(T.configMap, "app-monitoring-platform-apps-dashboard"), undefined);
        assert.ok(resources.find(T.serviceMonitor, "web-monitor"), "ServiceMonitors stay");
    });
});

function containsSecretMarker(value: unknown): boolean {
    if (isSecretMarker(value)) {
        return true;
    }
    if (value !== null && typeof value === "object") {
        return Object.values(value).some(containsSecretMarker);
    }
    return false;
}

describe("Grafana's access to the Kubernetes API", () => {
    it("is a Role on ConfigMaps of the monitoring namespace only, created before the release", async () => {
        const dev = await evaluateStackFile("dev", { "platform:externalIntegrationKey": "k" });
        const role = dev.get("kubernetes:rbac.authorization.k8s.io/v1:Role", "monitoring-grafana-configmap-reader").inputs as any;
        assert.equal(role.metadata.namespace, "monitoring");
        assert.deepEqual(role.rules, [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "watch", "list"] }]);
        assert.ok(
            dev
                .get("kubernetes:helm.sh/v3:Release", "monitoring-kube-prometheus-stack")
                .dependsOn.includes("kubernetes:rbac.authorization.k8s.io/v1:Role::monitoring-grafana-configmap-reader"),
        );
        assert.equal(dev.ofType("kubernetes:rbac.authorization.k8s.io/v1:ClusterRole").length, 0);
    });
});
