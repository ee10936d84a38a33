// An S3 bucket that only the platform's own IAM roles use: no public access (all four
// block settings), ACLs disabled (the bucket owner owns every object), server-side
// encryption, versioning on or off as the data needs, and lifecycle rules. Shared by the
// add-ons that keep state in S3 (logs, backups). This module loads @pulumi/aws: require
// it only on EKS stacks.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface PrivateBucketArgs {
    /** Keep noncurrent versions of overwritten and deleted objects (a backup bucket), or not (data its writer expires itself). */
    readonly versioning: boolean;
    /** Days after which current objects expire; undefined keeps them. */
    readonly expireAfterDays?: number;
    /** Days noncurrent versions are kept (with versioning). @default 30 */
    readonly noncurrentVersionDays?: number;
    /**
     * Refuse deleting the bucket through Pulumi. Unprotected (the teardown: protect false, up,
     * destroy), destroy deletes it with its objects, as it does the ECR repositories.
     */
    readonly protect: boolean;
    /** AWS tags of the bucket. */
    readonly tags: Record<string, string>;
}

export class PrivateBucket extends pulumi.ComponentResource {
    public readonly bucket: aws.s3.Bucket;
    /** The bucket and the settings that make it private and encrypted: what must exist before anything writes to it. */
    public readonly ready: pulumi.Resource[];

    constructor(name: string, args: PrivateBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:PrivateBucket", name, {}, opts);
        const childOpts = { parent: this };
        // Auto-named (`<name>-<random>`): bucket names are global across all AWS accounts.
        // forceDestroy is the provider's own setting, stored by `up` and used by `destroy`
        // (terraform-provider-aws internal/service/s3/bucket.go, force_destroy): a bucket that
        // still holds objects or versions is otherwise refused (BucketNotEmpty).
        this.bucket = new aws.s3.Bucket(name, { forceDestroy: !args.protect, tags: args.tags }, { parent: this, protect: args.protect });
        const bucket = this.bucket.id;
        const publicAccess = new aws.s3.BucketPublicAccessBlock(
            `${name}-public-access`,
            { bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            childOpts,
        );
        const ownership = new aws.s3.BucketOwnershipControls(`${name}-ownership`, { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } }, childOpts);
        const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(
            `${name}-encryption`,
            { bucket, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: true }] },
            childOpts,
        );
        const versioning = new aws.s3.BucketVersioning(
            `${name}-versioning`,
            // A bucket that never had versioning reports "Disabled"; once enabled it can only be suspended.
            { bucket, versioningConfiguration: { status: args.versioning ? "Enabled" : "Disabled" } },
            childOpts,
        );
        const lifecycle = new aws.s3.BucketLifecycleConfiguration(
            `${name}-lifecycle`,
            { bucket, rules: lifecycleRules(args) },
            { parent: this, dependsOn: [versioning] },
        );
        this.ready = [this.bucket, publicAccess, ownership, encryption, versioning, lifecycle];
        this.registerOutputs({ bucket: this.bucket.bucket, arn: this.bucket.arn });
    }
}

/** The bucket's lifecycle rules (pure): expiry of current objects, of noncurrent versions, and of abandoned multipart uploads. */
export function lifecycleRules(
    args: Pick<PrivateBucketArgs, "versioning" | "expireAfterDays" | "noncurrentVersionDays">,
): aws.types.input.s3.BucketLifecycleConfigurationRule[] {
    const everything = { filter: {}, status: "Enabled" };
    return [
        { id: "abort-incomplete-uploads", ...everything, abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } },
        ...(args.expireAfterDays !== undefined ? [{ id: "expire-objects", ...everything, expiration: { days: args.expireAfterDays } }] : []),
        ...(args.versioning
            ? [{ id: "expire-noncurrent-versions", ...everything, noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionDays ?? 30 } }]
            : []),
    ];
}
