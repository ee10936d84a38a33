// A LoadBalancer Service in dev either hangs in Pending (kind has no load balancer)
// or, on a cloud, buys a public endpoint nobody asked for. "dev" is the object's
// `env` label, which the platform sets from the stack's `environment` config; so the
// rule reads the object alone and holds in the offline plan and in the policy pack.
import { asRecord, kindOf, metadataOf } from "../kubernetes/objects";
import type { ResourceRule } from "../rule";

export const DEV_ENVIRONMENT = "dev";

export const noLoadBalancerInDev: ResourceRule = {
    name: "no-load-balancer-in-dev",
    description: "No Service of type LoadBalancer in dev (objects labelled env=dev); use ClusterIP with kubectl port-forward.",
    check: (resource) => {
        if (kindOf(resource) !== "Service" || asRecord(resource.inputs.spec).type !== "LoadBalancer") {
            return [];
        }
        return metadataOf(resource).labels.env === DEV_ENVIRONMENT
            ? ["spec.type must not be LoadBalancer in dev (env=dev); use ClusterIP and kubectl port-forward"]
            : [];
    },
};
