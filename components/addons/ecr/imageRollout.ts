// Which apps can roll out in this update (pure). An app that runs from its ECR repository
// needs its image there: on a fresh account the repository is created in the same `up`,
// so nothing can have been pushed yet, and a Deployment of a missing image waits on
// ImagePullBackOff until the provider's 10-minute await fails the update. Such an app is
// held back (with what to push) until its repository has images; a repository that has
// images but not the configured one is a typo or a forgotten push, and stops the update
// before anything changes.
import type { WebServiceConfig } from "../../../stacks/schema/workloads";
import { repositoryName } from "./repositoryName";

/** Tags and digests in each existing repository, by repository name. */
export type RepositoryContents = ReadonlyMap<string, ReadonlySet<string>>;

export interface ImageRollout {
    /** Apps held back, with the image reference (relative to the repository) to push. */
    heldBack: Map<string, string>;
    /** Apps whose configured image is missing from a repository that has others, as config problems. */
    missing: { key: string; message: string }[];
}

/** The tag or digest an app runs from its repository; undefined for apps with a full image reference. */
export function registryReference(app: WebServiceConfig): string | undefined {
    return app.image ? undefined : (app.imageDigest ?? app.imageTag);
}

export function imageRollout(apps: readonly WebServiceConfig[], prefix: string, contents: RepositoryContents): ImageRollout {
    const rollout: ImageRollout = { heldBack: new Map(), missing: [] };
    apps.forEach((app, index) => {
        const reference = registryReference(app);
        if (reference === undefined) {
            return;
        }
        const repository = repositoryName(prefix, app.name);
        const images = contents.get(repository);
        if (!images || images.size === 0) {
            rollout.heldBack.set(app.name, app.imageDigest ? `@${reference}` : `:${reference}`);
        } else if (!images.has(reference)) {
            const key = app.imageDigest ? "imageDigest" : "imageTag";
            rollout.missing.push({
                key: `apps[${index}].${key}`,
                message: `'${reference}' is not in the ECR repository ${repository} (in app '${app.name}'), which holds other images; push it first, or set the ${key} of an image that is there`,
            });
        }
    });
    return rollout;
}
