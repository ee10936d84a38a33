// The daily backup (pure): a Velero Schedule (velero.io/v1) of the app namespaces and the
// monitoring namespace, each backup kept for the retention (template.ttl), volumes
// snapshotted through CSI (snapshotVolumes; the VolumeSnapshotClass labelled for Velero
// picks the EBS driver). Fields: crds/velero.io_schedules.yaml (spec.schedule, template.ttl,
// includedNamespaces, excludedResources, snapshotVolumes, storageLocation). Secrets stay out
// unless the stack asks for them.

export const SCHEDULE_NAME = "daily";

export interface ScheduleOptions {
    readonly namespace: string;
    readonly cron: string;
    readonly retentionDays: number;
    readonly includedNamespaces: readonly string[];
    readonly storageLocation: string;
    /** Include Secrets; otherwise template.excludedResources leaves them out. */
    readonly includeSecrets: boolean;
    readonly labels: Record<string, string>;
}

/** A Velero duration of whole hours (metav1.Duration), e.g. 720h0m0s for 30 days. */
export function ttlOf(days: number): string {
    return `${days * 24}h0m0s`;
}

export function veleroSchedule(options: ScheduleOptions): Record<string, unknown> {
    return {
        apiVersion: "velero.io/v1",
        kind: "Schedule",
        metadata: { name: SCHEDULE_NAME, namespace: options.namespace, labels: options.labels },
        spec: {
            schedule: options.cron,
            // Backups outlive the Schedule: deleting it (or the stack) must not delete them with it.
            useOwnerReferencesInBackup: false,
            template: {
                ttl: ttlOf(options.retentionDays),
                includedNamespaces: [...options.includedNamespaces],
                ...(options.includeSecrets ? {} : { excludedResources: ["secrets"] }),
                snapshotVolumes: true,
                storageLocation: options.storageLocation,
            },
        },
    };
}

/** The VolumeSnapshotClass Velero uses for EBS volumes: Retain keeps the snapshot when its VolumeSnapshot goes, until the backup expires (velero-io/velero@v1.18.2:site/content/docs/v1.18/csi.md:62-72,131-133). */
export function ebsSnapshotClass(labels: Record<string, string>): Record<string, unknown> {
    return {
        apiVersion: "snapshot.storage.k8s.io/v1",
        kind: "VolumeSnapshotClass",
        metadata: { name: "ebs-csi-velero", labels: { ...labels, "velero.io/csi-volumesnapshot-class": "true" } },
        driver: "ebs.csi.aws.com",
        deletionPolicy: "Retain",
    };
}
