// Schema of the backups section (EKS): Velero's daily backup of the app namespaces and
// the monitoring namespace to S3, with CSI snapshots of their EBS volumes.
import * as v from "valibot";

import { intIn, object, withDefault } from "../../../stacks/schema/base";
import { cronSchedule, dnsLabel } from "../../../stacks/schema/primitives";

export const backups = object({
    /** Install Velero and the daily schedule (EKS stacks only). */
    enabled: withDefault(v.boolean(), true),
    /** When the daily backup runs (cron, in the Velero server's time zone, UTC). */
    schedule: withDefault(cronSchedule, "0 3 * * *"),
    /** Days each backup (and its volume snapshots) is kept: the schedule's ttl. */
    retentionDays: withDefault(intIn(1, 3650, "must be 1-3650 days"), 30),
    /**
     * Back up Secrets too. Off: a backup is a copy of every Secret it holds, readable by whoever
     * can read the bucket (encrypted at rest with S3's key only); the platform recreates its
     * Secrets from config and the secret store on `pulumi up`.
     */
    includeSecrets: withDefault(v.boolean(), false),
    /** Namespaces backed up besides the apps' and monitoring's. */
    extraNamespaces: withDefault(v.array(dnsLabel), []),
});

export type BackupsConfig = v.InferOutput<typeof backups>;
