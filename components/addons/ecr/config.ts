// Schema of the registry section: the ECR repositories of an EKS stack.
import * as v from "valibot";

import { intAtLeast, object, withDefault } from "../../../stacks/schema/base";

export const registry = object({
    /** Tagged images kept per repository; older ones expire. */
    keepTaggedImages: withDefault(intAtLeast(1, "must keep at least 1 image"), 30),
    /** Days before untagged images (layers of superseded pushes) expire. */
    untaggedExpiryDays: withDefault(intAtLeast(1, "must be at least 1 day"), 7),
});

export type RegistryConfig = v.InferOutput<typeof registry>;
