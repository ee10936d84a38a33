// The ECR lifecycle policy: untagged layers expire after some days, and only the
// newest tagged images are kept, so the registry does not grow without bound.

export function ecrLifecyclePolicy(keepTaggedImages: number, untaggedExpiryDays: number): string {
    return JSON.stringify({
        rules: [
            {
                rulePriority: 1,
                description: `Expire untagged images after ${untaggedExpiryDays} days`,
                selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: untaggedExpiryDays },
                action: { type: "expire" },
            },
            {
                rulePriority: 2,
                description: `Keep the newest ${keepTaggedImages} tagged images`,
                selection: { tagStatus: "tagged", tagPatternList: ["*"], countType: "imageCountMoreThan", countNumber: keepTaggedImages },
                action: { type: "expire" },
            },
        ],
    });
}
