// What the account's ECR repositories hold, read before any resource is registered (in
// preview too), so the program can decide which apps roll out. A repository that does not
// exist yet is simply absent. This module loads @pulumi/aws; only EKS stacks require it.
import * as aws from "@pulumi/aws";

import type { RepositoryContents } from "./imageRollout";

export async function repositoryContents(repositories: readonly string[]): Promise<RepositoryContents> {
    // getImages fails on a repository that does not exist: list the existing ones first.
    const existing = new Set((await aws.ecr.getRepositories({})).names);
    const entries = await Promise.all(
        repositories
            .filter((name) => existing.has(name))
            .map(async (repositoryName): Promise<[string, Set<string>]> => {
                const { imageIds } = await aws.ecr.getImages({ repositoryName });
                return [repositoryName, new Set(imageIds.flatMap((id) => [id.imageTag, id.imageDigest].filter((ref): ref is string => Boolean(ref))))];
            }),
    );
    return new Map(entries);
}
