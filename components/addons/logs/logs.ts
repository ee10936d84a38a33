// The cluster's logs: Loki (single binary) and the Alloy DaemonSet that ships pod logs to
// it, in the logs namespace. On EKS Loki keeps its chunks in S3 (lokiBucket.ts, required
// lazily so the dev path never loads @pulumi/aws). Alloy is created after Loki, so on
// `destroy` the collector goes first and Loki, then its bucket, after it.
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import type { ResourcesConfig } from "../../../stacks/schema/workloads";
import type { WorkloadIdentity } from "../../cluster/workloadIdentity";
import { helmAddonRelease, type HelmAddonPlacement } from "../helmAddon";
import { alloyConfig } from "./alloyConfig";
import { ALLOY_RELEASE, alloyValues } from "./alloyValues";
import { ALLOY_CHART, LOKI_CHART } from "./charts";
import { LOKI_HTTP_PORT, LOKI_RELEASE, LOKI_SERVICE_ACCOUNT, lokiUrl, lokiValues, type LokiStorage } from "./lokiValues";

/** Placed without the monitoring CRDs: neither chart's ServiceMonitor is switched on. */
export interface LogsArgs extends Omit<HelmAddonPlacement, "prometheusOperatorCrds"> {
    /** The stack's environment (`platform:environment`): the `env` label of log streams whose pod has none. */
    readonly environment: string;
    /** Days of logs kept: Loki's compactor deletes older chunks; on EKS the bucket expires them a day later (`logs.retentionDays`, 7 by default in the stack config). */
    readonly retentionDays: number;
    /** Loki's volume: its size as a Kubernetes quantity (`logs.storageSize`, 10Gi by default in the stack config) and StorageClass; unset, the cluster's default class. */
    readonly volume: { readonly size: string; readonly storageClassName?: string };
    /** CPU and memory requests and limits of Loki's container. */
    readonly lokiResources: ResourcesConfig;
    /** CPU and memory requests and limits of each Alloy pod (one per node). */
    readonly alloyResources: ResourcesConfig;
    /** Set on EKS: Loki stores chunks in an S3 bucket through an IAM role bound to its service account. */
    readonly s3?: { readonly workloadIdentity: WorkloadIdentity; readonly protect: boolean; readonly tags: Record<string, string> };
    /** What must be ready before Loki claims its volume (the cluster's StorageClass). */
    readonly clusterReady: pulumi.Resource[];
}

export class Logs extends pulumi.ComponentResource {
    /** Loki's query URL inside the cluster. */
    public readonly url: string;
    public readonly loki: k8s.helm.v3.Release;
    public readonly alloy: k8s.helm.v3.Release;

    constructor(name: string, args: LogsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:logs:Logs", name, {}, opts);
        const namespace = args.namespace.name;
        let storage: LokiStorage = { type: "filesystem" };
        let storageReady: pulumi.Resource[] = [];
        if (args.s3) {
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: keeps the AWS SDKs off the dev path
            const { lokiBucket } = require("./lokiBucket") as typeof import("./lokiBucket");
            const bucket = lokiBucket(
                name,
                {
                    namespace,
                    serviceAccount: LOKI_SERVICE_ACCOUNT,
                    retentionDays: args.retentionDays,
                    protect: args.s3.protect,
                    workloadIdentity: args.s3.workloadIdentity,
                    tags: args.s3.tags,
                },
                this,
            );
            storage = bucket.storage;
            storageReady = bucket.ready;
        }
        this.loki = helmAddonRelease(
            `${name}-loki`,
            {
                chart: LOKI_CHART,
                releaseName: LOKI_RELEASE,
                values: () => lokiValues({ storage, retentionDays: args.retentionDays, volume: args.volume, resources: args.lokiResources }),
                // One StatefulSet with a volume to provision.
                timeoutSeconds: 600,
                after: [...args.clusterReady, ...storageReady],
            },
            args,
            { parent: this },
        );
        this.url = lokiUrl(namespace);
        this.alloy = helmAddonRelease(
            `${name}-alloy`,
            {
                chart: ALLOY_CHART,
                releaseName: ALLOY_RELEASE,
                values: () => alloyValues({ config: alloyConfig(`${this.url}/loki/api/v1/push`, args.environment), resources: args.alloyResources }),
                timeoutSeconds: 300,
                after: [this.loki],
            },
            args,
            { parent: this },
        );
        this.registerOutputs({ url: this.url, port: LOKI_HTTP_PORT });
    }
}
