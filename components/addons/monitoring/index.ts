// The monitoring add-on: metrics-server and kube-prometheus-stack, the apps' alerting
// rules and their Grafana dashboard. It provides the monitoring.coreos.com CRDs.
import { defineAddon } from "../contract";
import { MONITORING_SERVICES, monitoringAccess } from "./access";
import { alertmanagerConfigProblem } from "./alertmanagerConfig";
import { AppMonitoring } from "./appMonitoring";
import { KUBE_PROMETHEUS_STACK_CHART, METRICS_SERVER_CHART } from "./charts";
import { monitoring } from "./config";
import { GRAFANA_DASHBOARD_LABEL } from "./kubePrometheusStackValues";
import { Monitoring } from "./monitoring";
import { monitoringProfile } from "./profile";

export const monitoringAddon = defineAddon({
    name: "monitoring",
    configKey: "monitoring",
    schema: monitoring,
    runsOn: ["kind", "existing", "eks"],
    enabled: (section) => section.enabled,
    // Privileged: node-exporter needs hostNetwork, hostPID and hostPath volumes.
    namespace: { key: "monitoring", defaultName: "monitoring", podSecurity: "privileged" },
    charts: [METRICS_SERVER_CHART, KUBE_PROMETHEUS_STACK_CHART],
    models: { "monitoring.coreos.com": "@kubernetes-models/prometheus-operator" },
    // Both are optional: unset, Grafana gets a generated password and Alertmanager the chart's default config.
    secretReferences: (section) => [
        { configKey: section.grafana.adminPasswordSecret, usedAt: "monitoring.grafana.adminPasswordSecret", required: false },
        { configKey: section.alertmanager.configSecret, usedAt: "monitoring.alertmanager.configSecret", required: false },
    ],
    secretProblems: (section, values) => {
        const key = section.alertmanager.configSecret;
        const text = values[key];
        if (text === undefined) {
            return [];
        }
        // Config values that are valid JSON arrive parsed; JSON is YAML, so check its text.
        const problem = alertmanagerConfigProblem(typeof text === "string" ? text : JSON.stringify(text));
        return problem ? [{ key: "monitoring.alertmanager.configSecret", message: `the secret config key '${key}' ${problem}` }] : [];
    },
    nodePorts: (section, settings) =>
        settings.cluster.type === "kind"
            ? [
                  { path: ["monitoring", "grafana", "nodePort"], port: section.grafana.nodePort, owner: "Grafana" },
                  { path: ["monitoring", "prometheus", "nodePort"], port: section.prometheus.nodePort, owner: "Prometheus" },
              ]
            : [],
    // Logs, when an add-on stores them: Grafana gets the data source and the app dashboard a logs panel.
    uses: ["logStore"],
    provides: ["prometheusOperatorCrds", "metricsScraper", "prometheusQuery", "grafanaDashboards"],
    deploy: ({ config, settings, namespace, secrets, deployed, provider, cluster, capabilities, parent }) => {
        const profile = monitoringProfile(settings.cluster, config);
        const logStore = capabilities.get("logStore");
        const monitoring = new Monitoring(
            "monitoring",
            {
                profile,
                metricsServer: config.metricsServer.enabled,
                namespace,
                environment: settings.environment,
                grafana: { adminUser: config.grafana.adminUser, adminPassword: secrets[config.grafana.adminPasswordSecret] },
                alertmanagerConfig: secrets[config.alertmanager.configSecret],
                dataSources: logStore ? [logStore.datasource] : [],
                provider,
            },
            // gp3 (EKS) must exist before the monitoring volumes are claimed.
            { parent, dependsOn: [namespace.resource, ...(cluster.readiness ?? [])] },
        );
        const { apps } = deployed;
        if (config.appMonitoring && apps.length > 0) {
            new AppMonitoring(
                "app-monitoring",
                {
                    apps: apps.map((app) => ({
                        name: app.name,
                        namespace: app.namespace ?? settings.namespaces.apps,
                        environment: settings.environment,
                        minReplicas: app.replicas.min,
                        maxReplicas: app.replicas.max,
                    })),
                    environment: settings.environment,
                    monitoringNamespace: namespace.name,
                    kubePrometheusStack: monitoring.kubePrometheusStack,
                    logsDatasourceUid: logStore?.datasource.uid,
                    provider,
                },
                { parent, dependsOn: [namespace.resource] },
            );
        }
        const portMappings = settings.cluster.type === "kind" ? settings.cluster.portMappings : [];
        return {
            capabilities: {
                prometheusOperatorCrds: monitoring.kubePrometheusStack,
                metricsScraper: { namespace: namespace.name },
                prometheusQuery: { url: `http://${MONITORING_SERVICES.prometheus.service}.${namespace.name}.svc:${MONITORING_SERVICES.prometheus.port}` },
                grafanaDashboards: { namespace: namespace.name, label: GRAFANA_DASHBOARD_LABEL, release: monitoring.kubePrometheusStack },
            },
            outputs: {
                monitoringAccess: monitoringAccess(namespace.name, profile.exposure, portMappings),
                grafanaAdminUser: monitoring.grafanaAdminUser,
                // A secret output: `pulumi stack output grafanaAdminPassword --show-secrets`.
                grafanaAdminPassword: monitoring.grafanaAdminPassword,
            },
        };
    },
});
