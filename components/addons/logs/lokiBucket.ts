// Loki's object store on EKS: a private, encrypted S3 bucket without versioning (Loki's
// compactor deletes what retention drops; versions would keep it) whose lifecycle expires
// objects one day after the retention, so S3 never removes a chunk Loki still indexes, and
// the IAM role of Loki's service account. This module loads @pulumi/aws.
import * as pulumi from "@pulumi/pulumi";

import { PrivateBucket } from "../../aws/privateBucket";
import { stackRegion } from "../../aws/region";
import type { WorkloadIdentity } from "../../cluster/workloadIdentity";
import { lokiBucketPolicy } from "./lokiBucketPolicy";
import type { LokiStorage } from "./lokiValues";

export interface LokiBucketArgs {
    /** Namespace of Loki's service account, the only one the bucket's IAM role trusts. */
    readonly namespace: string;
    /** Name of Loki's service account. */
    readonly serviceAccount: string;
    /** Days Loki keeps logs: S3 expires objects one day later, after the compactor has deleted them. */
    readonly retentionDays: number;
    /** Refuse deleting the bucket through Pulumi (the stack's `cluster.protect`); unprotected, destroy deletes it with its objects. */
    readonly protect: boolean;
    /** The cluster's workload identity: makes Loki's role, allowed only on its bucket, and binds it to Loki's service account. */
    readonly workloadIdentity: WorkloadIdentity;
    /** AWS tags of the bucket and the role. */
    readonly tags: Record<string, string>;
}

export interface LokiBucket {
    readonly storage: LokiStorage;
    /** The bucket, its settings, the role and its policy: Loki starts after them. */
    readonly ready: pulumi.Resource[];
}

/** Days after which S3 expires Loki's objects: one past the retention, which the compactor enforces first. */
export function bucketExpiryDays(retentionDays: number): number {
    return retentionDays + 1;
}

export function lokiBucket(name: string, args: LokiBucketArgs, parent: pulumi.Resource): LokiBucket {
    const bucket = new PrivateBucket(
        `${name}-loki-chunks`,
        { versioning: false, expireAfterDays: bucketExpiryDays(args.retentionDays), protect: args.protect, tags: args.tags },
        { parent },
    );
    const role = args.workloadIdentity.serviceAccountRole(
        `${name}-loki`,
        { namespace: args.namespace, serviceAccount: args.serviceAccount, inlinePolicy: bucket.bucket.arn.apply(lokiBucketPolicy), tags: args.tags },
        parent,
    );
    return {
        storage: { type: "s3", bucket: bucket.bucket.bucket, region: stackRegion(parent), credentials: role },
        ready: [...bucket.ready, ...role.ready],
    };
}
