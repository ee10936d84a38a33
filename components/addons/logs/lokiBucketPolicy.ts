// The IAM policy of Loki's role (pure): list the bucket, read, write and delete its
// objects, nothing else (grafana/loki@v3.7.6 docs/sources/setup/install/helm/deployment-guides/aws.md:136-154;
// the compactor deletes expired chunks and index files, so DeleteObject is needed).

export function lokiBucketPolicy(bucketArn: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "ListBucket", Effect: "Allow", Action: ["s3:ListBucket"], Resource: [bucketArn] },
            { Sid: "ReadWriteObjects", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: [`${bucketArn}/*`] },
        ],
    });
}
