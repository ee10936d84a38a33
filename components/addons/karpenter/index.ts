// The Karpenter add-on (EKS stacks): node autoscaling beside the managed node groups, which
// stay the small system pool that runs the controller, CoreDNS and the add-ons. Pods that
// do not fit there make Karpenter launch nodes of the default NodePool, within its CPU and
// memory limits; consolidation removes them when they empty. IAM through its service account's role, the cluster's
// factory: the cluster already has the OIDC provider, and EKS Pod Identity would need
// another node agent. It loads @pulumi/aws, so its component is required only when deployed.
import { defineAddon } from "../contract";
import { KARPENTER_CHART, KARPENTER_CRD_CHART } from "./charts";
import { karpenter } from "./config";

export const karpenterAddon = defineAddon({
    name: "karpenter",
    configKey: "karpenter",
    schema: karpenter,
    runsOn: ["eks"],
    enabled: (section) => section.enabled,
    // kube-system, as upstream installs it: no namespace of its own.
    charts: [KARPENTER_CRD_CHART, KARPENTER_CHART],
    models: { "karpenter.sh": "@kubernetes-models/karpenter", "karpenter.k8s.aws": "@kubernetes-models/karpenter" },
    // Scraped, with alerts on its NodePool limits, when the Prometheus Operator's CRDs are there.
    uses: ["prometheusOperatorCrds"],
    provides: [],
    deploy: ({ config, settings, cluster, provider, tags, capabilities, parent }) => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: keeps the AWS SDKs off the dev path
        const { Karpenter } = require("./karpenter") as typeof import("./karpenter");
        new Karpenter(
            "karpenter",
            {
                config,
                environment: settings.environment,
                cluster: cluster.nodeProvisioning,
                workloadIdentity: cluster.workloadIdentity,
                nodeSsmAccess: cluster.config.nodeSsmAccess,
                tags,
                prometheusOperatorCrds: capabilities.get("prometheusOperatorCrds"),
                readiness: cluster.readiness,
                provider,
            },
            { parent },
        );
        return {
            capabilities: {},
            outputs: { nodeAutoscaling: { nodePool: "default", limits: config.nodePool.limits, status: "kubectl get nodepools,nodeclaims" } },
        };
    },
});
