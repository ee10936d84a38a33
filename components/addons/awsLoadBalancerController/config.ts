// Schema of the awsLoadBalancerController section (EKS stacks).
import * as v from "valibot";

import { intIn, object, withDefault } from "../../../stacks/schema/base";

export const awsLoadBalancerController = object({
    /** Off unless the stack turns it on (the default stacks do). */
    enabled: withDefault(v.boolean(), false),
    /** Controller replicas (leader-elected; two keep its webhooks answering through a node drain). */
    replicas: withDefault(intIn(1, 5, "must be 1-5 replicas"), 2),
});

export type AwsLoadBalancerControllerConfig = v.InferOutput<typeof awsLoadBalancerController>;
