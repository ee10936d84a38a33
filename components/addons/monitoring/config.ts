// Schema of the monitoring section: metrics-server and kube-prometheus-stack. Every
// field is optional: what is left out is decided per cluster type by
// components/monitoring/profile.ts (kind, existing and EKS clusters differ).
import * as v from "valibot";

import { object, withDefault } from "../../../stacks/schema/base";
import { dnsSubdomain, duration, nodePort, secretConfigKey, storageQuantity } from "../../../stacks/schema/primitives";
import { resources } from "../../../stacks/schema/workloads";

/** Prometheus' byte sizes (prometheus-operator's ByteSize), e.g. 45GiB or 512MB. */
const byteSize = v.pipe(v.string(), v.regex(/^(0|([0-9]*[.])?[0-9]+((K|M|G|T|E|P)i?)?B)$/, "must be a size such as 45GiB or 512MB"));

export const monitoring = object({
    enabled: withDefault(v.boolean(), true),
    metricsServer: withDefault(
        object({
            enabled: withDefault(v.boolean(), true),
            /** Skip verifying the kubelets' serving certificates; default: only on kind, whose kubelets self-sign. */
            kubeletInsecureTls: v.optional(v.boolean()),
        }),
        {},
    ),
    prometheus: withDefault(
        object({
            /** How long samples are kept (default: kind 2d, existing 7d, eks 15d). */
            retention: v.optional(duration),
            /** Oldest blocks go first above this size (default: 90% of the volume when there is one). */
            retentionSize: v.optional(byteSize),
            /** Size of the PersistentVolumeClaim (default: 50Gi on EKS, none elsewhere: data lives in an emptyDir). */
            storageSize: v.optional(storageQuantity),
            /** Node port of the Prometheus Service on kind (map it to a host port in cluster.portMappings). */
            nodePort: withDefault(nodePort, 30900),
            resources: v.optional(resources),
        }),
        {},
    ),
    alertmanager: withDefault(
        object({
            /** Secret config key holding a complete Alertmanager configuration (YAML); unset: the chart's default (no receivers). */
            configSecret: withDefault(secretConfigKey, "alertmanagerConfig"),
            /** Size of the PersistentVolumeClaim for silences and the notification log (default: 5Gi on EKS, none elsewhere). */
            storageSize: v.optional(storageQuantity),
        }),
        {},
    ),
    grafana: withDefault(
        object({
            adminUser: withDefault(v.pipe(v.string(), v.regex(/^[A-Za-z0-9._@-]{1,64}$/, "must be a user name of letters, digits and . _ @ -")), "admin"),
            /** Secret config key holding the admin password; unset: a generated password (stack output grafanaAdminPassword). */
            adminPasswordSecret: withDefault(secretConfigKey, "grafanaAdminPassword"),
            /** Node port of the Grafana Service on kind (map it to a host port in cluster.portMappings). */
            nodePort: withDefault(nodePort, 30300),
        }),
        {},
    ),
    /** StorageClass of the monitoring volumes (default: gp3 on EKS, the cluster's default class elsewhere). */
    storageClassName: v.optional(dnsSubdomain),
    /** Scrape etcd, kube-controller-manager, kube-scheduler and kube-proxy (default: only on existing clusters; kind and EKS do not expose them). */
    scrapeControlPlane: v.optional(v.boolean()),
    /** Alerting rules and a Grafana dashboard for the stack's apps. */
    appMonitoring: withDefault(v.boolean(), true),
});

export type MonitoringConfig = v.InferOutput<typeof monitoring>;
