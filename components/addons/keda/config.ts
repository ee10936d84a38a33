// Schema of the keda section.
import * as v from "valibot";

import { object, withDefault } from "../../../stacks/schema/base";

export const keda = object({
    /** Install KEDA; apps that declare autoscaling.metrics need it. */
    enabled: withDefault(v.boolean(), false),
});

export type KedaConfig = v.InferOutput<typeof keda>;
