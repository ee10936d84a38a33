// Where an app's image comes from: its full reference from config, or its registry
// repository (ECR on EKS stacks) plus the configured tag or digest.
import * as pulumi from "@pulumi/pulumi";

import type { WebServiceConfig } from "../../stacks/schema/workloads";

export function appImage(app: WebServiceConfig, repositoryUrl?: pulumi.Input<string>): pulumi.Input<string> {
    if (app.image) {
        return app.image;
    }
    if (!repositoryUrl) {
        throw new Error(`app '${app.name}' has no image and no registry repository`);
    }
    const suffix = app.imageDigest ? `@${app.imageDigest}` : `:${app.imageTag}`;
    return pulumi.interpolate`${repositoryUrl}${suffix}`;
}
