// Before anything is registered: on EKS stacks, which apps can roll out in this update,
// from what the account's ECR repositories hold (imageRollout.ts decides; this reads).
import type { CoreSettings } from "../../../stacks/schema/core";
import { imageRollout, type ImageRollout } from "./imageRollout";
import { repositoryName } from "./repositoryName";

/** Every image is a full reference off EKS: nothing to hold back. */
export async function imageRolloutFor(settings: CoreSettings): Promise<ImageRollout> {
    if (settings.cluster.type !== "eks") {
        return { heldBack: new Map(), missing: [] };
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: keeps the AWS SDKs off the dev path
    const { repositoryContents } = require("./repositoryContents") as typeof import("./repositoryContents");
    const contents = await repositoryContents(settings.apps.map((app) => repositoryName(settings.environment, app.name)));
    return imageRollout(settings.apps, settings.environment, contents);
}
