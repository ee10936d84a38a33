// Values of the kube-prometheus-stack chart, from the environment's monitoring profile.
// Secrets never appear here: Grafana's admin credentials and the Alertmanager config are
// Kubernetes Secrets the chart only references by name. Every key exists in the pinned
// chart's values.yaml (or, under `grafana`, the Grafana subchart's), apart from the two
// that the charts' templates read without declaring them; test/chartValues.test.ts
// checks every key.
import type * as pulumi from "@pulumi/pulumi";

import type { ResourcesConfig } from "../../../stacks/schema/workloads";
import type { MonitoringProfile, VolumeSpec } from "./profile";

export interface KubePrometheusStackRefs {
    /** Secret with the Grafana admin user and password (keys below). */
    grafanaAdminSecret: pulumi.Input<string>;
    /** Secret with `alertmanager.yaml`; undefined keeps the chart's own config. */
    alertmanagerConfigSecret?: pulumi.Input<string>;
    /** The Role Grafana is bound to in its namespace (ConfigMaps only). */
    grafanaRole: pulumi.Input<string>;
    /** Grafana's namespace: its sidecar loads dashboards and data sources from there only. */
    namespace: string;
    /** Data sources other add-ons contribute (e.g. Loki), provisioned beside Prometheus and Alertmanager. */
    additionalDataSources?: readonly GrafanaDataSource[];
}

/** A Grafana data source another add-on offers (the `logStore` capability's). */
export interface GrafanaDataSource {
    readonly name: string;
    readonly type: string;
    readonly uid: string;
    readonly url: string;
}

/**
 * Entries of grafana.additionalDataSources: the chart renders them into its own data-source
 * ConfigMap in Grafana's namespace (prometheus-community/helm-charts@kube-prometheus-stack-88.5.3
 * charts/kube-prometheus-stack/templates/grafana/configmaps-datasources.yaml:92-94), so Grafana
 * still reads ConfigMaps of its own namespace only.
 */
export function additionalDataSources(sources: readonly GrafanaDataSource[]): Record<string, unknown>[] {
    return sources.map((source) => ({
        name: source.name,
        type: source.type,
        uid: source.uid,
        url: source.url,
        access: "proxy",
        isDefault: false,
        editable: false,
    }));
}

export const GRAFANA_ADMIN_USER_KEY = "admin-user";
export const GRAFANA_ADMIN_PASSWORD_KEY = "admin-password";
/** The key the operator reads from an Alertmanager's configSecret. */
export const ALERTMANAGER_CONFIG_KEY = "alertmanager.yaml";
/** Grafana's sidecar loads ConfigMaps with this label as dashboards (the chart's sidecar.dashboards.label/labelValue). */
export const GRAFANA_DASHBOARD_LABEL = { key: "grafana_dashboard", value: "1" } as const;

/** Control-plane components kind and EKS do not expose, with the default rule groups that alert on them. */
export const CONTROL_PLANE_TARGETS = {
    kubeEtcd: ["etcd"],
    kubeControllerManager: ["kubeControllerManager"],
    kubeScheduler: ["kubeSchedulerAlerting", "kubeSchedulerRecording"],
    kubeProxy: ["kubeProxy"],
} as const;

/** Selectors that pick up ServiceMonitors, PodMonitors, Probes, ScrapeConfigs and PrometheusRules from every namespace, whatever their labels. */
function selectEverything(): Record<string, unknown> {
    const kinds = ["rule", "serviceMonitor", "podMonitor", "probe", "scrapeConfig"];
    return Object.fromEntries(
        kinds.flatMap((kind) => [
            // false: an empty selector means "all", not "only objects labelled with this release".
            [`${kind}SelectorNilUsesHelmValues`, false],
            [`${kind}Selector`, {}],
            [`${kind}NamespaceSelector`, {}],
        ]),
    );
}

function volumeClaimTemplate(volume: VolumeSpec) {
    return {
        volumeClaimTemplate: {
            spec: {
                ...(volume.storageClassName ? { storageClassName: volume.storageClassName } : {}),
                accessModes: ["ReadWriteOnce"],
                resources: { requests: { storage: volume.size } },
            },
        },
    };
}

function controlPlaneValues(scrape: boolean): Record<string, unknown> {
    const components = Object.keys(CONTROL_PLANE_TARGETS) as (keyof typeof CONTROL_PLANE_TARGETS)[];
    const rules = Object.fromEntries(components.flatMap((component) => CONTROL_PLANE_TARGETS[component].map((group) => [group, scrape])));
    return {
        ...Object.fromEntries(components.map((component) => [component, { enabled: scrape }])),
        defaultRules: { rules },
    };
}

function service(exposure: MonitoringProfile["exposure"], nodePort: (e: Extract<MonitoringProfile["exposure"], { type: "NodePort" }>) => number) {
    return exposure.type === "NodePort" ? { type: "NodePort", nodePort: nodePort(exposure) } : { type: "ClusterIP" };
}

const resources = (r: ResourcesConfig) => ({ requests: { ...r.requests }, limits: { ...r.limits } });

export function kubePrometheusStackValues(profile: MonitoringProfile, refs: KubePrometheusStackRefs): Record<string, unknown> {
    return {
        ...controlPlaneValues(profile.scrapeControlPlane),
        prometheusOperator: { resources: resources(profile.resources.operator) },
        prometheus: {
            service: service(profile.exposure, (e) => e.prometheusNodePort),
            prometheusSpec: {
                ...selectEverything(),
                retention: profile.retention,
                ...(profile.retentionSize ? { retentionSize: profile.retentionSize } : {}),
                resources: resources(profile.resources.prometheus),
                ...(profile.prometheusVolume ? { storageSpec: volumeClaimTemplate(profile.prometheusVolume) } : {}),
            },
        },
        alertmanager: {
            alertmanagerSpec: {
                resources: resources(profile.resources.alertmanager),
                ...(profile.alertmanagerVolume ? { storage: volumeClaimTemplate(profile.alertmanagerVolume) } : {}),
                // The operator reads alertmanager.yaml from this Secret; the chart then stops rendering its own.
                ...(refs.alertmanagerConfigSecret ? { useExistingSecret: true, configSecret: refs.alertmanagerConfigSecret } : {}),
            },
        },
        grafana: {
            admin: { existingSecret: refs.grafanaAdminSecret, userKey: GRAFANA_ADMIN_USER_KEY, passwordKey: GRAFANA_ADMIN_PASSWORD_KEY },
            service: service(profile.exposure, (e) => e.grafanaNodePort),
            resources: resources(profile.resources.grafana),
            // Namespaced RBAC through the platform's Role; the sidecars read ConfigMaps, never Secrets.
            rbac: { namespaced: true, useExistingRole: refs.grafanaRole },
            ...(refs.additionalDataSources?.length ? { additionalDataSources: additionalDataSources(refs.additionalDataSources) } : {}),
            sidecar: {
                dashboards: {
                    enabled: true,
                    label: GRAFANA_DASHBOARD_LABEL.key,
                    labelValue: GRAFANA_DASHBOARD_LABEL.value,
                    searchNamespace: refs.namespace,
                    resource: "configmap",
                },
                datasources: { resource: "configmap" },
            },
        },
    };
}
