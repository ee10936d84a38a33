// Schema of the monitoring section: metrics-server and kube-prometheus-stack. Every
// field is optional: what is left out is decided per cluster type by
// components/monitoring/profile.ts (kind, existing and EKS clusters differ).
import { z } from "zod";
import { dnsSubdomain, duration, nodePort, secretConfigKey, storageQuantity } from "./primitives";
import { resources } from "./workloads";

/** Prometheus' byte sizes (prometheus-operator's ByteSize), e.g. 45GiB or 512MB. */
const byteSize = z.string().regex(/^(0|([0-9]*[.])?[0-9]+((K|M|G|T|E|P)i?)?B)$/, "must be a size such as 45GiB or 512MB");

export const monitoring = z.strictObject({
    enabled: z.boolean().default(true),
    metricsServer: z
        .strictObject({
            enabled: z.boolean().default(true),
            /** Skip verifying the kubelets' serving certificates; default: only on kind, whose kubelets self-sign. */
            kubeletInsecureTls: z.boolean().optional(),
        })
        .prefault({}),
    prometheus: z
        .strictObject({
            /** How long samples are kept (default: kind 2d, existing 7d, eks 15d). */
            retention: duration.optional(),
            /** Oldest blocks go first above this size (default: 90% of the volume when there is one). */
            retentionSize: byteSize.optional(),
            /** Size of the PersistentVolumeClaim (default: 50Gi on EKS, none elsewhere: data lives in an emptyDir). */
            storageSize: storageQuantity.optional(),
            /** Node port of the Prometheus Service on kind (map it to a host port in cluster.portMappings). */
            nodePort: nodePort.default(30900),
            resources: resources.optional(),
        })
        .prefault({}),
    alertmanager: z
        .strictObject({
            /** Secret config key holding a complete Alertmanager configuration (YAML); unset: the chart's default (no receivers). */
            configSecret: secretConfigKey.default("alertmanagerConfig"),
            /** Size of the PersistentVolumeClaim for silences and the notification log (default: 5Gi on EKS, none elsewhere). */
            storageSize: storageQuantity.optional(),
        })
        .prefault({}),
    grafana: z
        .strictObject({
            adminUser: z.string().regex(/^[A-Za-z0-9._@-]{1,64}$/, "must be a user name of letters, digits and . _ @ -").default("admin"),
            /** Secret config key holding the admin password; unset: a generated password (stack output grafanaAdminPassword). */
            adminPasswordSecret: secretConfigKey.default("grafanaAdminPassword"),
            /** Node port of the Grafana Service on kind (map it to a host port in cluster.portMappings). */
            nodePort: nodePort.default(30300),
        })
        .prefault({}),
    /** StorageClass of the monitoring volumes (default: gp3 on EKS, the cluster's default class elsewhere). */
    storageClassName: dnsSubdomain.optional(),
    /** Scrape etcd, kube-controller-manager, kube-scheduler and kube-proxy (default: only on existing clusters; kind and EKS do not expose them). */
    scrapeControlPlane: z.boolean().optional(),
    /** Alerting rules and a Grafana dashboard for the stack's apps. */
    appMonitoring: z.boolean().default(true),
});

export type MonitoringConfig = z.output<typeof monitoring>;
