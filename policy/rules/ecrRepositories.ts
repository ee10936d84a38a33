// Registry hygiene: images are scanned when pushed, and a pushed tag can never be
// moved to other content (which would make tag-pinned deployments irreproducible).
// Checked on the AWS repository and on the awsx component, which is opaque under mocks.
import { asRecord } from "../kubernetes/objects";
import type { PolicyResource, ResourceRule } from "../rule";

export const ECR_REPOSITORY_TYPES: readonly string[] = ["aws:ecr/repository:Repository", "awsx:ecr:Repository"];

const isRepository = (resource: PolicyResource) => ECR_REPOSITORY_TYPES.includes(resource.type);

export const ecrScanOnPush: ResourceRule = {
    name: "ecr-scan-on-push",
    description: "Every ECR repository scans images on push (imageScanningConfiguration.scanOnPush is true).",
    check: (resource) =>
        isRepository(resource) && asRecord(resource.inputs.imageScanningConfiguration).scanOnPush !== true
            ? ["imageScanningConfiguration.scanOnPush must be true"]
            : [],
};

export const ecrImmutableTags: ResourceRule = {
    name: "ecr-immutable-tags",
    description: 'Every ECR repository has immutable tags (imageTagMutability is "IMMUTABLE").',
    check: (resource) => {
        const mutability = resource.inputs.imageTagMutability;
        return isRepository(resource) && mutability !== "IMMUTABLE"
            ? [`imageTagMutability must be "IMMUTABLE"; found ${mutability === undefined ? "none (ECR defaults to MUTABLE)" : JSON.stringify(mutability)}`]
            : [];
    },
};
