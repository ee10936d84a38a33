// Per-environment decisions of the monitoring stack, in one pure function: what the
// cluster type implies (kind: small, ephemeral, reached through node ports and its
// kubelets' self-signed certificates; EKS: persistent volumes on gp3, longer retention,
// managed control plane; existing: the cluster is someone else's, so defaults stay
// conservative), overridden by whatever the stack sets.
import { parseQuantity } from "../../../stacks/quantities";
import type { ClusterConfig } from "../../../stacks/schema/cluster";
import type { ResourcesConfig } from "../../../stacks/schema/workloads";
import { EKS_STORAGE_CLASS } from "../../cluster/storageClass";
import type { MonitoringConfig } from "./config";

export interface VolumeSpec {
    size: string;
    /** Undefined: the cluster's default StorageClass. */
    storageClassName?: string;
}

export type Exposure = { type: "NodePort"; grafanaNodePort: number; prometheusNodePort: number } | { type: "ClusterIP" };

export interface MonitoringProfile {
    retention: string;
    retentionSize?: string;
    prometheusVolume?: VolumeSpec;
    alertmanagerVolume?: VolumeSpec;
    resources: Record<"prometheus" | "alertmanager" | "grafana" | "operator", ResourcesConfig>;
    /** Scrape etcd, controller-manager, scheduler and kube-proxy (and keep their alerts). */
    scrapeControlPlane: boolean;
    exposure: Exposure;
    /** resources: undefined keeps the chart's (100m, 200Mi: metrics-server 3.13.1 values.yaml:173-176). */
    metricsServer: { kubeletInsecureTls: boolean; replicas: number; resources?: ResourcesConfig };
}

type ClusterType = ClusterConfig["type"];

const RETENTION: Record<ClusterType, string> = { kind: "2d", existing: "7d", eks: "15d" };
const PROMETHEUS_VOLUME: Partial<Record<ClusterType, string>> = { eks: "50Gi" };
const ALERTMANAGER_VOLUME: Partial<Record<ClusterType, string>> = { eks: "5Gi" };

const res = (requests: [string, string], limits: [string, string]): ResourcesConfig => ({
    requests: { cpu: requests[0], memory: requests[1] },
    limits: { cpu: limits[0], memory: limits[1] },
});

/**
 * Sized for a laptop (kind) or a shared cluster (existing) versus production nodes (EKS).
 * Small requests what a dev stack's few series and dashboards use, so all of kind's pods fit
 * the memory budget of docs/kind.md; the limits leave room for bursts.
 */
const RESOURCES: Record<"small" | "production", MonitoringProfile["resources"]> = {
    small: {
        prometheus: res(["100m", "256Mi"], ["1", "1536Mi"]),
        alertmanager: res(["10m", "32Mi"], ["100m", "128Mi"]),
        grafana: res(["50m", "96Mi"], ["500m", "512Mi"]),
        operator: res(["50m", "64Mi"], ["200m", "256Mi"]),
    },
    production: {
        prometheus: res(["500m", "2Gi"], ["2", "4Gi"]),
        alertmanager: res(["50m", "64Mi"], ["200m", "256Mi"]),
        grafana: res(["100m", "256Mi"], ["1", "1Gi"]),
        operator: res(["100m", "128Mi"], ["500m", "512Mi"]),
    },
};

export function monitoringProfile(cluster: ClusterConfig, config: MonitoringConfig): MonitoringProfile {
    const type = cluster.type;
    const storageClassName = config.storageClassName ?? (type === "eks" ? EKS_STORAGE_CLASS : undefined);
    const volume = (size: string | undefined): VolumeSpec | undefined => (size ? { size, storageClassName } : undefined);
    const prometheusVolume = volume(config.prometheus.storageSize ?? PROMETHEUS_VOLUME[type]);
    const resources = RESOURCES[type === "eks" ? "production" : "small"];
    return {
        retention: config.prometheus.retention ?? RETENTION[type],
        retentionSize: config.prometheus.retentionSize ?? (prometheusVolume ? retentionSizeFor(prometheusVolume.size) : undefined),
        prometheusVolume,
        alertmanagerVolume: volume(config.alertmanager.storageSize ?? ALERTMANAGER_VOLUME[type]),
        resources: { ...resources, prometheus: config.prometheus.resources ?? resources.prometheus },
        // kind binds these components to 127.0.0.1; EKS manages the control plane and its kube-proxy add-on binds metrics to localhost.
        scrapeControlPlane: config.scrapeControlPlane ?? type === "existing",
        exposure:
            type === "kind"
                ? { type: "NodePort", grafanaNodePort: config.grafana.nodePort, prometheusNodePort: config.prometheus.nodePort }
                : { type: "ClusterIP" },
        metricsServer: {
            // kind's kubelets serve self-signed certificates; EKS kubelets' are signed by the cluster CA.
            kubeletInsecureTls: config.metricsServer.kubeletInsecureTls ?? type === "kind",
            // Two replicas keep the metrics API (and with it every HPA) up through a node drain.
            replicas: type === "eks" ? 2 : 1,
            // A dev cluster's few nodes and pods: a fraction of the chart's 200Mi.
            resources: type === "kind" ? res(["20m", "48Mi"], ["200m", "128Mi"]) : undefined,
        },
    };
}

/**
 * Size-based retention at 90% of the volume, so Prometheus drops old blocks before the
 * disk fills up (time-based retention alone does not protect the volume).
 */
export function retentionSizeFor(volumeSize: string): string {
    const bytes = parseQuantity(volumeSize) ?? 0;
    const gib = Math.floor((bytes * 0.9) / 2 ** 30);
    return gib >= 1 ? `${gib}GiB` : `${Math.max(1, Math.floor((bytes * 0.9) / 2 ** 20))}MiB`;
}
