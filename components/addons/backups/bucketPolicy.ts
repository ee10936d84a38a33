// The IAM policy of Velero's role (pure): the object-storage part of the AWS plugin's
// policy, on Velero's bucket only (velero-io/velero-plugin-for-aws@v1.14.2:README.md:95-136).
// The plugin's EC2 statement (volumes and snapshots on "*") serves its native snapshots
// through a VolumeSnapshotLocation; the platform takes snapshots through CSI instead (the
// EBS CSI driver's own role makes them), so Velero gets no EC2 permission at all.
// s3:PutObjectTagging is kept: the plugin tags objects when the location sets `tagging` (README.md:91).

export function veleroBucketPolicy(bucketArn: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "BackupObjects",
                Effect: "Allow",
                Action: ["s3:GetObject", "s3:DeleteObject", "s3:PutObject", "s3:PutObjectTagging", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
                Resource: [`${bucketArn}/*`],
            },
            { Sid: "ListBucket", Effect: "Allow", Action: ["s3:ListBucket"], Resource: [bucketArn] },
        ],
    });
}
