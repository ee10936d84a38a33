// Values of the Loki chart (grafana-community 18.11.0, Loki 3.7.6): one Monolithic
// (single-binary) StatefulSet, single-tenant, with the compactor applying the retention.
// kind keeps everything on the pod's volume (filesystem store); EKS keeps chunks and the
// TSDB index in S3 through the pod's IAM role, and the volume holds the WAL. Every key is
// in the chart's values.yaml or listed in test/harness/chartKeys.ts with the template
// that reads it.
import type { ResourcesConfig } from "../../../stacks/schema/workloads";
import type { ServiceAccountCredentials } from "../../cluster/workloadIdentity";

export const LOKI_RELEASE = "loki";
/** The Monolithic Service is `loki.fullname`, the release name when it contains "loki" (GC templates/monolithic/service.yaml:3, _helpers.tpl:116-127). */
export const LOKI_SERVICE = LOKI_RELEASE;
/** loki.server.http_listen_port (values.yaml:589). */
export const LOKI_HTTP_PORT = 3100;
/** The chart's ServiceAccount, `loki.fullname` when serviceAccount.create (values.yaml:1113-1125, _helpers.tpl:166-174): its role is bound to this name. */
export const LOKI_SERVICE_ACCOUNT = LOKI_RELEASE;

export type LokiStorage =
    | { readonly type: "filesystem" }
    | { readonly type: "s3"; readonly bucket: unknown; readonly region: unknown; readonly credentials: ServiceAccountCredentials };

export interface LokiOptions {
    readonly storage: LokiStorage;
    readonly retentionDays: number;
    readonly volume: { readonly size: string; readonly storageClassName?: string };
    readonly resources: ResourcesConfig;
}

/** The first day of the schema: any date before the first log line works, and it must never change afterwards. */
export const SCHEMA_FROM = "2026-01-01";

export function lokiValues(options: LokiOptions): Record<string, unknown> {
    const objectStore = options.storage.type === "s3" ? "s3" : "filesystem";
    return {
        deploymentMode: "Monolithic",
        loki: {
            // One tenant: no X-Scope-OrgID header for Alloy or Grafana.
            auth_enabled: false,
            commonConfig: { replication_factor: 1 },
            storage: storageValues(options.storage),
            schemaConfig: {
                configs: [{ from: SCHEMA_FROM, store: "tsdb", object_store: objectStore, schema: "v13", index: { prefix: "loki_index_", period: "24h" } }],
            },
            // Merged key by key into the chart's limits (values.yaml:606-612).
            limits_config: { retention_period: `${options.retentionDays * 24}h` },
            // Retention needs the compactor's retention and a delete-request store (Loki v3.7.6 docs/sources/operations/storage/retention.md:70,95-97).
            compactor: { retention_enabled: true, delete_request_store: objectStore },
            // No rules are loaded: the ruler keeps its (empty) rule store on the volume, so the bucket holds chunks and index only.
            rulerConfig: { storage: { type: "local", local: { directory: "/var/loki/rules" } } },
            analytics: { reporting_enabled: false },
        },
        singleBinary: {
            replicas: 1,
            // The rules sidecar would watch ConfigMaps and Secrets across the cluster; no rules are used.
            sidecar: false,
            resources: { requests: { ...options.resources.requests }, limits: { ...options.resources.limits } },
            persistence: { enabled: true, size: options.volume.size, storageClass: options.volume.storageClassName ?? null },
            // Merged into the pod's annotations (templates/monolithic/workload.yaml:5, _pod.tpl:18).
            ...(options.storage.type === "s3" ? { podAnnotations: options.storage.credentials.podAnnotations } : {}),
        },
        ...(options.storage.type === "s3" ? { serviceAccount: { annotations: options.storage.credentials.serviceAccountAnnotations } } : {}),
        // The simple-scalable targets, caches, gateway, canary and its test stay off (validate.yaml:5-7,22-36 fail otherwise).
        read: { replicas: 0 },
        write: { replicas: 0 },
        backend: { replicas: 0 },
        gateway: { enabled: false },
        chunksCache: { enabled: false },
        resultsCache: { enabled: false },
        lokiCanary: { enabled: false },
        test: { enabled: false },
    };
}

function storageValues(storage: LokiStorage): Record<string, unknown> {
    if (storage.type === "filesystem") {
        return { type: "filesystem" };
    }
    return { type: "s3", bucketNames: { chunks: storage.bucket }, s3: { region: storage.region } };
}

/** Loki's in-cluster query URL (Grafana's data source). */
export function lokiUrl(namespace: string): string {
    return `http://${LOKI_SERVICE}.${namespace}.svc.cluster.local:${LOKI_HTTP_PORT}`;
}
