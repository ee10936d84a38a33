// The chart the AWS Load Balancer Controller add-on installs, pinned (eks-charts v0.0.242 is
// "aws-load-balancer-controller: v3.5.0"; stable/aws-load-balancer-controller/Chart.yaml:4-5).
import type { PinnedChart } from "../../helmRelease";

export const AWS_LOAD_BALANCER_CONTROLLER_CHART: PinnedChart = {
    chart: "aws-load-balancer-controller",
    version: "3.5.0",
    repo: "https://aws.github.io/eks-charts",
};
