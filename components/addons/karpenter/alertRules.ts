// Alerting rules for Karpenter (pure): a NodePool close to or at its CPU or memory limit,
// when Karpenter launches nothing more and new pods stay Pending. The metrics are the
// controller's own (kubernetes-sigs/karpenter@v1.14.1 pkg/controllers/metrics/nodepool/controller.go:45-70;
// reference/metrics.md:315-325), labelled nodepool and resource_type; a limit series exists
// only for the resources the pool limits.

export interface PoolAlertRule {
    alert: string;
    expr: string;
    for: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
}

const usageRatio =
    "max by (nodepool, resource_type) (karpenter_nodepools_usage) / on (nodepool, resource_type) max by (nodepool, resource_type) (karpenter_nodepools_limit)";

export function karpenterRuleGroup(environment: string): { name: string; rules: PoolAlertRule[] } {
    const labels = (severity: "warning" | "critical") => ({ severity, env: environment });
    return {
        name: "karpenter",
        rules: [
            {
                alert: "KarpenterNodePoolNearLimit",
                expr: `${usageRatio} >= 0.9`,
                for: "15m",
                labels: labels("warning"),
                annotations: {
                    summary: "NodePool {{ $labels.nodepool }} holds {{ $value | humanizePercentage }} of its {{ $labels.resource_type }} limit",
                    description: "Karpenter stops launching nodes for this pool at its limit (karpenter.nodePool.limits); raise it if the load is real.",
                },
            },
            {
                alert: "KarpenterNodePoolLimitReached",
                expr: `${usageRatio} >= 1`,
                for: "5m",
                labels: labels("critical"),
                annotations: {
                    summary: "NodePool {{ $labels.nodepool }} reached its {{ $labels.resource_type }} limit",
                    description: "Pods that need a new node stay Pending. Raise karpenter.nodePool.limits, or find what grew (kubectl get nodeclaims).",
                },
            },
        ],
    };
}
