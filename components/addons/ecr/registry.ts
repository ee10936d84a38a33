// One ECR repository per application on EKS stacks: scanned on push, immutable tags,
// KMS encryption and a lifecycle policy. This module loads @pulumi/aws; it is required
// only by EKS stacks.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { ecrLifecyclePolicy } from "./lifecyclePolicy";
import { repositoryName } from "./repositoryName";

export interface RegistryArgs {
    /** Repository names are `<prefix>/<app>` (repositoryName). */
    readonly prefix: string;
    /** Names of the apps that get a repository, one each. */
    readonly apps: readonly string[];
    /** Tagged images kept per repository; older ones expire (`registry.keepTaggedImages`, 30 by default in the stack config). */
    readonly keepTaggedImages: number;
    /** Days before untagged images expire (`registry.untaggedExpiryDays`, 7 by default in the stack config). */
    readonly untaggedExpiryDays: number;
    /** Protected repositories are never force-deleted with their images (the stack's `cluster.protect`). */
    readonly protect: boolean;
    /** AWS tags of every repository (plus an `app` tag). */
    readonly tags: Readonly<Record<string, string>>;
}

export class Registry extends pulumi.ComponentResource {
    /** Repository URL by app name. */
    public readonly repositoryUrls: Record<string, pulumi.Output<string>> = {};

    constructor(name: string, args: RegistryArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:registry:Registry", name, {}, opts);
        const policy = ecrLifecyclePolicy(args.keepTaggedImages, args.untaggedExpiryDays);
        for (const app of args.apps) {
            const repository = new aws.ecr.Repository(
                `${name}-${app}`,
                {
                    name: repositoryName(args.prefix, app),
                    imageTagMutability: "IMMUTABLE",
                    imageScanningConfiguration: { scanOnPush: true },
                    encryptionConfigurations: [{ encryptionType: "KMS" }],
                    forceDelete: !args.protect,
                    tags: { ...args.tags, app },
                },
                { parent: this, protect: args.protect, aliases: [{ name: app }] },
            );
            new aws.ecr.LifecyclePolicy(
                `${name}-${app}-lifecycle`,
                { repository: repository.name, policy },
                { parent: this, aliases: [{ name: `${app}-lifecycle` }] },
            );
            this.repositoryUrls[app] = repository.repositoryUrl;
        }
        this.registerOutputs({ repositoryUrls: this.repositoryUrls });
    }
}
