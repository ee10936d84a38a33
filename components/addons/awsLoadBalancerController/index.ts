// The AWS Load Balancer Controller add-on (EKS stacks): provisions the NLB of the shared
// Gateway's proxy Service (internet-facing, IP targets) from the subnets tagged
// kubernetes.io/role/elb. It provides its release, which the Gateway's objects depend on
// so that destroy deletes the NLB while the controller still runs. It loads @pulumi/aws, so
// its component is required only when deployed.
import { defineAddon } from "../contract";
import { AWS_LOAD_BALANCER_CONTROLLER_CHART } from "./charts";
import { awsLoadBalancerController } from "./config";

export const awsLoadBalancerControllerAddon = defineAddon({
    name: "awsLoadBalancerController",
    configKey: "awsLoadBalancerController",
    schema: awsLoadBalancerController,
    runsOn: ["eks"],
    enabled: (section) => section.enabled,
    charts: [AWS_LOAD_BALANCER_CONTROLLER_CHART],
    provides: ["loadBalancerController"],
    deploy: ({ config, cluster, tags, provider, parent }) => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: keeps the AWS SDKs off the dev path
        const { LoadBalancerController } = require("./controller") as typeof import("./controller");
        const controller = new LoadBalancerController("aws-load-balancer-controller", { config, cluster, tags, provider }, { parent });
        return { capabilities: { loadBalancerController: controller.release } };
    },
});
