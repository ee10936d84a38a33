// Images are pinned by tag or digest so a deployment is reproducible; `latest` and
// untagged references are not. The same grammar as the stack config's image check.
import { imageReferenceProblem } from "../../stacks/imageReference";
import { containerProblems } from "../kubernetes/podTemplates";
import type { ResourceRule } from "../rule";

export const pinnedImages: ResourceRule = {
    name: "pods-pinned-images",
    description: "Every container image is pinned by a version tag or digest (no 'latest', no untagged reference).",
    check: (resource) =>
        containerProblems(resource, ({ container }) => {
            if (typeof container.image !== "string") {
                return "image is not set";
            }
            const problem = imageReferenceProblem(container.image);
            return problem ? `image ${problem}` : undefined;
        }),
};
