// The ECR add-on (EKS stacks): one repository per app, scanned on push, with immutable
// tags, KMS encryption and a lifecycle policy. It provides the repositories' URLs, which
// the apps run `<repository>:<imageTag>` from, and says which images to push for apps held
// back on a first run. It loads @pulumi/aws, so its component is required only when deployed.
import { defineAddon } from "../contract";
import { registry } from "./config";

export const ecrAddon = defineAddon({
    name: "ecr",
    configKey: "registry",
    schema: registry,
    runsOn: ["eks"],
    enabled: () => true,
    charts: [],
    provides: ["registry"],
    deploy: ({ config, settings, cluster, heldBack, tags, parent }) => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: keeps the AWS SDKs off the dev path
        const { Registry } = require("./registry") as typeof import("./registry");
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
        const repositories = new Registry(
            "registry",
            {
                prefix: settings.environment,
                apps: settings.apps.map((app) => app.name),
                keepTaggedImages: config.keepTaggedImages,
                untaggedExpiryDays: config.untaggedExpiryDays,
                protect: cluster.config.protect,
                tags,
            },
            { parent },
        );
        const pendingImages = Object.fromEntries(
            [...heldBack].map(([app, reference]) => [app, pulumi.interpolate`${repositories.repositoryUrls[app]}${reference}`]),
        );
        return {
            capabilities: { registry: { repositoryUrls: repositories.repositoryUrls } },
            outputs: { repositoryUrls: repositories.repositoryUrls, ...(heldBack.size > 0 ? { pendingImages } : {}) },
        };
    },
});
