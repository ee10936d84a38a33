// Velero with its bucket and IAM role, the EKS snapshot controller, the VolumeSnapshotClass
// and the daily Schedule. This module loads @pulumi/aws: the add-on requires it only when
// deployed (EKS).
//
// CSI snapshots need the snapshot.storage.k8s.io CRDs and the snapshot controller: the EBS
// CSI add-on brings only the driver's csi-snapshotter sidecar, so the EKS managed add-on
// `snapshot-controller` (which includes the CRDs) is installed here.
// Ordering: the VolumeSnapshotClass after the snapshot controller (its CRD), the Schedule
// after Velero's release (its CRD, and the server that runs it). On `destroy` the Schedule
// goes first (no finalizer; backups are not owned by it and stay in the bucket), then
// Velero, then the bucket, which is protected with the cluster; unprotected (the teardown),
// it goes with its backups.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import type { ResourcesConfig } from "../../../stacks/schema/workloads";
import { PrivateBucket } from "../../aws/privateBucket";
import { stackRegion } from "../../aws/region";
import { eksAddon } from "../../cluster/eksAddons";
import type { WorkloadIdentity } from "../../cluster/workloadIdentity";
import { workloadLabels } from "../../workloads/labels";
import { helmAddonRelease, type HelmAddonPlacement } from "../helmAddon";
import { veleroBucketPolicy } from "./bucketPolicy";
import { VELERO_CHART } from "./charts";
import { ebsSnapshotClass, veleroSchedule } from "./schedule";
import { BACKUP_LOCATION, VELERO_RELEASE, VELERO_SERVICE_ACCOUNT, veleroValues } from "./veleroValues";

export interface BackupsArgs extends HelmAddonPlacement {
    /** The stack's environment (`platform:environment`): the `env` label of the snapshot class and the schedule. */
    readonly environment: string;
    /** When the daily backup runs: a cron expression in UTC (`backups.schedule`, `0 3 * * *` by default in the stack config). */
    readonly cron: string;
    /** Days each backup and its volume snapshots are kept, the schedule's ttl (`backups.retentionDays`, 30 by default in the stack config). */
    readonly retentionDays: number;
    /** Namespaces the schedule backs up. */
    readonly includedNamespaces: readonly string[];
    /** Back up Secrets too; false leaves them out (`excludedResources`). */
    readonly includeSecrets: boolean;
    /** The EKS cluster: its name and Kubernetes version for the snapshot-controller add-on, its readiness before it, `protect` for the bucket. */
    readonly cluster: {
        readonly name: pulumi.Input<string>;
        readonly kubernetesVersion: string;
        readonly readiness: pulumi.Resource[];
        readonly protect: boolean;
    };
    /** The cluster's workload identity: makes Velero's role, allowed only on its bucket, and binds it to the server's service account. */
    readonly workloadIdentity: WorkloadIdentity;
    /** CPU and memory requests and limits of the Velero server. */
    readonly resources: ResourcesConfig;
    /** AWS tags of the bucket, Velero's IAM role and the snapshot-controller add-on. */
    readonly tags: Record<string, string>;
}

export class Backups extends pulumi.ComponentResource {
    public readonly bucket: PrivateBucket;
    public readonly velero: k8s.helm.v3.Release;

    constructor(name: string, args: BackupsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:backups:Backups", name, {}, opts);
        const region = stackRegion(this);
        const labels = (component: string) => workloadLabels("velero", args.environment, component);
        // Versioned: a deleted or overwritten backup stays recoverable for the noncurrent-version window.
        this.bucket = new PrivateBucket(
            `${name}-bucket`,
            { versioning: true, noncurrentVersionDays: 14, protect: args.cluster.protect, tags: args.tags },
            { parent: this },
        );
        const role = args.workloadIdentity.serviceAccountRole(
            `${name}-velero`,
            {
                namespace: args.namespace.name,
                serviceAccount: VELERO_SERVICE_ACCOUNT,
                inlinePolicy: this.bucket.bucket.arn.apply(veleroBucketPolicy),
                tags: args.tags,
            },
            this,
        );
        const snapshotController = eksAddon(
            "snapshot-controller",
            { clusterName: args.cluster.name, kubernetesVersion: args.cluster.kubernetesVersion, tags: args.tags },
            // Its controller needs nodes before the add-on reports healthy.
            { parent: this, dependsOn: args.cluster.readiness },
        );
        this.velero = helmAddonRelease(
            `${name}-velero`,
            {
                chart: VELERO_CHART,
                releaseName: VELERO_RELEASE,
                values: ({ serviceMonitor }) =>
                    veleroValues({ bucket: this.bucket.bucket.bucket, region, credentials: role, serviceMonitor, resources: args.resources }),
                timeoutSeconds: 600,
                after: [...this.bucket.ready, ...role.ready],
            },
            args,
            { parent: this },
        );
        new k8s.apiextensions.CustomResource(`${name}-ebs-snapshot-class`, ebsSnapshotClass(labels("snapshot-class")) as k8s.apiextensions.CustomResourceArgs, {
            parent: this,
            provider: args.provider,
            dependsOn: [snapshotController],
        });
        new k8s.apiextensions.CustomResource(
            `${name}-schedule`,
            veleroSchedule({
                namespace: args.namespace.name,
                cron: args.cron,
                retentionDays: args.retentionDays,
                includedNamespaces: args.includedNamespaces,
                storageLocation: BACKUP_LOCATION,
                includeSecrets: args.includeSecrets,
                labels: labels("backup-schedule"),
            }) as k8s.apiextensions.CustomResourceArgs,
            { parent: this, provider: args.provider, dependsOn: [this.velero] },
        );
        this.registerOutputs({ bucket: this.bucket.bucket.bucket });
    }
}
