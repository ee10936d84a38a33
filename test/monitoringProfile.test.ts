import * as assert from "node:assert/strict";

import { monitoringAccess } from "../components/addons/monitoring/access";
import { kubePrometheusStackValues } from "../components/addons/monitoring/kubePrometheusStackValues";
import { KUBELET_INSECURE_TLS, metricsServerValues } from "../components/addons/monitoring/metricsServerValues";
import { monitoringProfile, retentionSizeFor } from "../components/addons/monitoring/profile";
import { parseStackConfig } from "../stacks/parse";
import type { PlatformSettings } from "../stacks/schema/platform";
import { validValues } from "./harness/fixtures";

const EKS = { type: "eks", nodeGroups: [{ name: "g", instanceTypes: ["m7i.large"], minSize: 1, maxSize: 2, desiredSize: 1 }] };

function settingsFor(cluster: Record<string, unknown>, monitoring: Record<string, unknown> = {}): PlatformSettings {
    const values = validValues();
    values.cluster = cluster;
    values.monitoring = monitoring;
    if (cluster.type === "eks") {
        delete values.apps[1].image;
        values.apps[1].imageTag = "1.0.0";
    }
    return parseStackConfig({ stack: "test", values, awsRegion: "us-east-1" }).settings;
}

const profileOf = (settings: PlatformSettings) => monitoringProfile(settings.cluster, settings.monitoring);
const kpsValues = (settings: PlatformSettings, alertmanagerConfigSecret?: string) =>
    kubePrometheusStackValues(profileOf(settings), {
        grafanaAdminSecret: "grafana-admin-credentials",
        alertmanagerConfigSecret,
        grafanaRole: "grafana-configmap-reader",
        namespace: "monitoring",
    }) as any;

describe("monitoring per environment", () => {
    const kind = settingsFor({ type: "kind" });
    const eks = settingsFor(EKS);
    const existing = settingsFor({ type: "existing", context: "ctx" });

    describe("metrics-server", () => {
        it("skips kubelet certificate verification on kind only, where kubelets self-sign", () => {
            assert.deepEqual(metricsServerValues(profileOf(kind)).args, [KUBELET_INSECURE_TLS]);
            assert.deepEqual(metricsServerValues(profileOf(eks)).args, []);
            assert.deepEqual(metricsServerValues(profileOf(existing)).args, []);
            assert.deepEqual(
                metricsServerValues(profileOf(settingsFor({ type: "existing", context: "c" }, { metricsServer: { kubeletInsecureTls: true } }))).args,
                [KUBELET_INSECURE_TLS],
            );
        });

        it("runs two replicas behind a PDB on EKS so HPAs keep their metrics through node drains", () => {
            assert.deepEqual(metricsServerValues(profileOf(eks)), { args: [], replicas: 2, podDisruptionBudget: { enabled: true, minAvailable: 1 } });
            assert.equal(metricsServerValues(profileOf(kind)).replicas, 1);
        });
    });

    describe("kube-prometheus-stack", () => {
        it("keeps data on gp3 volumes with size-based retention on EKS, and in emptyDirs elsewhere", () => {
            const spec = kpsValues(eks).prometheus.prometheusSpec;
            assert.equal(spec.retention, "15d");
            assert.equal(spec.retentionSize, "45GiB");
            assert.deepEqual(spec.storageSpec, {
                volumeClaimTemplate: { spec: { storageClassName: "gp3", accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "50Gi" } } } },
            });
            assert.equal(kpsValues(eks).alertmanager.alertmanagerSpec.storage.volumeClaimTemplate.spec.resources.requests.storage, "5Gi");
            for (const settings of [kind, existing]) {
                const values = kpsValues(settings);
                assert.equal(values.prometheus.prometheusSpec.storageSpec, undefined);
                assert.equal(values.prometheus.prometheusSpec.retentionSize, undefined);
                assert.equal(values.alertmanager.alertmanagerSpec.storage, undefined);
            }
            assert.equal(kpsValues(kind).prometheus.prometheusSpec.retention, "2d");
            assert.equal(kpsValues(existing).prometheus.prometheusSpec.retention, "7d");
        });

        it("follows the stack's retention, volume size and storage class", () => {
            const values = kpsValues(settingsFor({ type: "kind" }, { prometheus: { retention: "12h", storageSize: "10Gi" }, storageClassName: "standard" }));
            const spec = values.prometheus.prometheusSpec;
            assert.equal(spec.retention, "12h");
            assert.equal(spec.retentionSize, "9GiB");
            assert.equal(spec.storageSpec.volumeClaimTemplate.spec.storageClassName, "standard");
            assert.equal(retentionSizeFor("1Gi"), "921MiB");
        });

        it("sizes Prometheus for production on EKS and for a laptop on kind", () => {
            assert.deepEqual(kpsValues(eks).prometheus.prometheusSpec.resources, {
                requests: { cpu: "500m", memory: "2Gi" },
                limits: { cpu: "2", memory: "4Gi" },
            });
            assert.deepEqual(kpsValues(kind).prometheus.prometheusSpec.resources, {
                requests: { cpu: "100m", memory: "256Mi" },
                limits: { cpu: "1", memory: "1536Mi" },
            });
            for (const key of ["alertmanager", "grafana", "operator"] as const) {
                assert.ok(profileOf(eks).resources[key].limits.memory, key);
            }
        });

        it("selects monitors, probes and rules from every namespace without extra labels", () => {
            const spec = kpsValues(kind).prometheus.prometheusSpec;
            for (const kind of ["rule", "serviceMonitor", "podMonitor", "probe", "scrapeConfig"]) {
                assert.equal(spec[`${kind}SelectorNilUsesHelmValues`], false, kind);
                assert.deepEqual(spec[`${kind}Selector`], {}, kind);
                assert.deepEqual(spec[`${kind}NamespaceSelector`], {}, kind);
            }
        });

        it("turns off the control-plane scrapes and their default alerts on kind and EKS, keeps them on existing clusters", () => {
            for (const settings of [kind, eks]) {
                const values = kpsValues(settings);
                for (const component of ["kubeEtcd", "kubeControllerManager", "kubeScheduler", "kubeProxy"]) {
                    assert.deepEqual(values[component], { enabled: false }, component);
                }
                assert.deepEqual(values.defaultRules.rules, {
                    etcd: false,
                    kubeControllerManager: false,
                    kubeSchedulerAlerting: false,
                    kubeSchedulerRecording: false,
                    kubeProxy: false,
                });
            }
            assert.deepEqual(kpsValues(existing).kubeEtcd, { enabled: true });
            assert.equal(kpsValues(settingsFor({ type: "existing", context: "c" }, { scrapeControlPlane: false })).kubeProxy.enabled, false);
        });

        it("exposes Grafana and Prometheus on node ports on kind and as ClusterIP elsewhere", () => {
            assert.deepEqual(kpsValues(kind).grafana.service, { type: "NodePort", nodePort: 30300 });
            assert.deepEqual(kpsValues(kind).prometheus.service, { type: "NodePort", nodePort: 30900 });
            assert.deepEqual(kpsValues(eks).grafana.service, { type: "ClusterIP" });
            assert.deepEqual(kpsValues(existing).prometheus.service, { type: "ClusterIP" });
        });

        it("passes Grafana's credentials and the Alertmanager config by Secret name only", () => {
            const values = kpsValues(eks, "alertmanager-platform-config");
            assert.deepEqual(values.grafana.admin, { existingSecret: "grafana-admin-credentials", userKey: "admin-user", passwordKey: "admin-password" });
            assert.equal(values.grafana.adminPassword, undefined);
            assert.equal(values.alertmanager.alertmanagerSpec.useExistingSecret, true);
            assert.equal(values.alertmanager.alertmanagerSpec.configSecret, "alertmanager-platform-config");
            assert.equal(values.alertmanager.config, undefined);
            assert.equal(kpsValues(eks).alertmanager.alertmanagerSpec.configSecret, undefined, "without a config, the chart's default stays");
        });

        it("enables Grafana's dashboard sidecar with the chart's label, on ConfigMaps of its own namespace", () => {
            assert.deepEqual(kpsValues(kind).grafana.sidecar.dashboards, {
                enabled: true,
                label: "grafana_dashboard",
                labelValue: "1",
                searchNamespace: "monitoring",
                resource: "configmap",
            });
            assert.deepEqual(kpsValues(kind).grafana.sidecar.datasources, { resource: "configmap" });
        });

        // The chart's sidecar default is resource: both (ConfigMaps and Secrets) with a ClusterRole
        // (grafana-12.11.1 values.yaml rbac.namespaced: false; templates/clusterrole.yaml:1).
        it("binds Grafana to the platform's namespaced Role instead of the chart's ClusterRole", () => {
            assert.deepEqual(kpsValues(kind).grafana.rbac, { namespaced: true, useExistingRole: "grafana-configmap-reader" });
        });
    });

    describe("access", () => {
        const access = (settings: PlatformSettings) =>
            monitoringAccess(
                settings.namespaces.monitoring,
                profileOf(settings).exposure,
                settings.cluster.type === "kind" ? settings.cluster.portMappings : [],
            );
        it("gives localhost URLs where kind maps the node ports, port-forward commands otherwise", () => {
            const mapped = settingsFor({
                type: "kind",
                portMappings: [
                    { containerPort: 30300, hostPort: 3000 },
                    { containerPort: 30900, hostPort: 9090 },
                ],
            });
            assert.deepEqual(access(mapped), {
                grafana: "http://localhost:3000",
                prometheus: "http://localhost:9090",
                alertmanager: "kubectl -n monitoring port-forward svc/kube-prometheus-stack-alertmanager 9093:9093",
            });
            assert.equal(access(kind).grafana, "kubectl -n monitoring port-forward svc/kube-prometheus-stack-grafana 3000:80");
            assert.deepEqual(access(eks), {
                grafana: "kubectl -n monitoring port-forward svc/kube-prometheus-stack-grafana 3000:80",
                prometheus: "kubectl -n monitoring port-forward svc/kube-prometheus-stack-prometheus 9090:9090",
                alertmanager: "kubectl -n monitoring port-forward svc/kube-prometheus-stack-alertmanager 9093:9093",
            });
        });
    });
});
