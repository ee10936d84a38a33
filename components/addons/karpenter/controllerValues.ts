// Values of the karpenter chart (pure); keys from charts/karpenter/values.yaml at
// aws/karpenter-provider-aws@v1.14.1. The controller runs in kube-system on the managed node
// groups (the system pool), never on a node it launched itself.
import type * as pulumi from "@pulumi/pulumi";

import { NODE_GROUP_LABEL } from "../../cluster/cluster";
import type { ServiceAccountCredentials } from "../../cluster/workloadIdentity";
import type { KarpenterConfig } from "./config";

export interface ControllerValuesInputs {
    readonly config: KarpenterConfig["controller"];
    readonly clusterName: pulumi.Input<string>;
    /** The interruption queue's name (not its URL or ARN: deployment.yaml:168-171 passes it as INTERRUPTION_QUEUE). */
    readonly interruptionQueue: pulumi.Input<string>;
    /** How the controller's service account and pods get its IAM role. */
    readonly credentials: ServiceAccountCredentials;
    /** The managed node groups it may run on, by their names in the stack config (NODE_GROUP_LABEL). */
    readonly systemNodeGroups: readonly string[];
}

export function controllerValues(inputs: ControllerValuesInputs): Record<string, unknown> {
    return {
        // clusterEndpoint stays unset: the controller discovers it with eks:DescribeCluster (pkg/operator/operator.go:301-312).
        settings: { clusterName: inputs.clusterName, interruptionQueue: inputs.interruptionQueue },
        serviceAccount: { annotations: inputs.credentials.serviceAccountAnnotations },
        podAnnotations: inputs.credentials.podAnnotations,
        replicas: inputs.config.replicas,
        controller: { resources: inputs.config.resources },
        // Helm replaces lists whole: restate the chart's DoesNotExist term and hostname anti-affinity (values.yaml:89-104)
        // beside the node-group term of the migrating-from-cas guide (_index.md:104-127).
        affinity: {
            nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                    nodeSelectorTerms: [
                        {
                            matchExpressions: [
                                { key: "karpenter.sh/nodepool", operator: "DoesNotExist" },
                                // Not eks.amazonaws.com/nodegroup: EKS names change when a group is replaced, and the
                                // controller that launches capacity must fit on the replacement during the swap.
                                { key: NODE_GROUP_LABEL, operator: "In", values: [...inputs.systemNodeGroups] },
                            ],
                        },
                    ],
                },
            },
            // The chart adds the label selector (deployment.yaml: karpenter.patchAffinity).
            podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname" }] },
        },
        // The program makes the ServiceMonitor itself, after the monitoring CRDs (serviceMonitor.ts).
        serviceMonitor: { enabled: false },
    };
}
