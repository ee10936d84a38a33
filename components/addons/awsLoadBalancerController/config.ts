// Schema of the awsLoadBalancerController section (EKS stacks).
import * as v from "valibot";
import { intIn, object, withDefault } from "../../../stacks/schema/base";

export const awsLoadBalancerController = object({
    enabled: withDefault(v.boolean(), true),
    /** Controller replicas (leader-elected; two keep its webhooks answering through a node drain). */
    replicas: withDefault(intIn(1, 5, "must be 1-5 replicas"), 2),
});

export type AwsLoadBalancerControllerConfig = v.InferOutput<typeof awsLoadBalancerController>;
