// Karpenter on EKS: the interruption queue and its EventBridge rules, the nodes' IAM role
// and access entry, the controller's IAM role with upstream's six policies, the CRD chart,
// the controller chart, and the default EC2NodeClass and NodePool. This module loads
// @pulumi/aws; the add-on requires it only when it deploys.
//
// Order, and so the reverse order of `destroy`: IAM, queue and CRDs first, then the
// controller, then the EC2NodeClass and NodePool. On destroy the NodePool goes first (its
// NodeClaims are garbage-collected, and Karpenter drains and terminates their instances),
// then the EC2NodeClass, whose finalizer karpenter.k8s.aws/termination waits until no
// NodeClaim uses it and then deletes the instance profile and launch templates Karpenter made
// (pkg/controllers/nodeclass/controller.go:214-236); only then the controller, and after it
// its IAM role, the queue and the nodes' access entry. Uninstalled earlier, the finalizers
// would hang and the instances run on (troubleshooting.md:115-127).
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import { NODE_DISCOVERY_TAG, type NodeProvisioning } from "../../cluster/cluster";
import type { WorkloadIdentity } from "../../cluster/workloadIdentity";
import { releaseInputs } from "../../helmRelease";
import { workloadLabels } from "../../workloads/labels";
import { karpenterRuleGroup } from "./alertRules";
import { clusterScope } from "./awsScope";
import { KARPENTER_CHART, KARPENTER_CRD_CHART } from "./charts";
import type { KarpenterConfig } from "./config";
import { CONTROLLER_POLICY_NAMES, controllerPolicies } from "./controllerPolicies";
import { controllerValues } from "./controllerValues";
import { INTERRUPTION_QUEUE, INTERRUPTION_RULES, interruptionQueueName, interruptionQueuePolicy, QUEUE_TARGET_ID } from "./interruption";
import { managedPolicyArn, NODE_ACCESS_ENTRY_TYPE, nodePolicyNames, nodeTrustPolicy } from "./nodeIam";
import { DEFAULT_POOL, ec2NodeClassSpec, nodePoolSpec } from "./nodePool";
import { controllerServiceMonitorSpec } from "./serviceMonitor";

/** The release name: the service account is `karpenter` (fullname is the release name when it contains "karpenter", _helpers.tpl:13-23), which its role is bound to. */
export const KARPENTER_RELEASE = "karpenter";
export const KARPENTER_NAMESPACE = "kube-system";

/** Deleting the EC2NodeClass waits for every node of the pool to drain and terminate. */
export const NODE_RESOURCES_DELETE_TIMEOUT = "30m";

export interface KarpenterArgs {
    /** The `karpenter` config section, defaults applied (./config.ts): the default NodePool, its EC2NodeClass and the controller's resources. */
    readonly config: KarpenterConfig;
    /** The stack's environment (`platform:environment`): the `env` label of the NodePool, EC2NodeClass and monitoring objects. */
    readonly environment: string;
    /** What the EKS cluster gives a node provisioner: its name and ARN, the nodes' subnets and security group, the system node groups. */
    readonly cluster: NodeProvisioning;
    /** The cluster's workload identity: makes the controller's role with upstream's six policies and binds it to its service account. */
    readonly workloadIdentity: WorkloadIdentity;
    /** Whether the nodes' role gets SSM Session Manager access, as the managed node groups' does. */
    readonly nodeSsmAccess: boolean;
    /** AWS tags of the queue, rules, IAM roles and policies, access entry, and the instances Karpenter launches. */
    readonly tags: Readonly<Record<string, string>>;
    /** The release that installs the Prometheus Operator's CRDs, when monitoring is there. */
    readonly prometheusOperatorCrds?: pulumi.Resource;
    /** What must run before the controller: the system node group, CoreDNS. */
    readonly readiness: pulumi.Resource[];
    /** The cluster's Kubernetes provider. */
    readonly provider: k8s.Provider;
}

export class Karpenter extends pulumi.ComponentResource {
    public readonly controller: k8s.helm.v3.Release;
    public readonly nodePool: k8s.apiextensions.CustomResource;
    public readonly nodeClass: k8s.apiextensions.CustomResource;

    constructor(name: string, args: KarpenterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:karpenter:Karpenter", name, {}, opts);
        const { config, cluster, tags, provider } = args;
        const awsOpts = { parent: this };
        const scope = cluster.clusterArn.apply(clusterScope);
        const clusterName = cluster.clusterName;

        const queue = new aws.sqs.Queue(`${name}-interruption-queue`, { name: clusterName.apply(interruptionQueueName), ...INTERRUPTION_QUEUE, tags }, awsOpts);
        const queuePolicy = new aws.sqs.QueuePolicy(
            `${name}-interruption-queue-policy`,
            { queueUrl: queue.url, policy: queue.arn.apply(interruptionQueuePolicy) },
            awsOpts,
        );
        const targets = INTERRUPTION_RULES.map((rule) => {
            const eventRule = new aws.cloudwatch.EventRule(
                `${name}-${rule.key}`,
                { description: rule.description, eventPattern: JSON.stringify(rule.eventPattern), tags },
                awsOpts,
            );
            return new aws.cloudwatch.EventTarget(`${name}-${rule.key}-target`, { rule: eventRule.name, arn: queue.arn, targetId: QUEUE_TARGET_ID }, awsOpts);
        });

        const nodeRole = new aws.iam.Role(`${name}-node-role`, { assumeRolePolicy: scope.apply(nodeTrustPolicy), tags }, awsOpts);
        const nodeAttachments = Object.entries(nodePolicyNames(args.nodeSsmAccess)).map(
            ([short, policyName]) =>
                new aws.iam.RolePolicyAttachment(
                    `${name}-node-role-${short}`,
                    { role: nodeRole.name, policyArn: scope.apply((s) => managedPolicyArn(s, policyName)) },
                    awsOpts,
                ),
        );
        const accessEntry = new aws.eks.AccessEntry(
            `${name}-node-access-entry`,
            { clusterName, principalArn: nodeRole.arn, type: NODE_ACCESS_ENTRY_TYPE, tags },
            awsOpts,
        );

        const documents = pulumi
            .all([scope, clusterName, nodeRole.arn, queue.arn])
            .apply(([s, cluster_, nodeRoleArn, queueArn]) => controllerPolicies({ scope: s, clusterName: cluster_, nodeRoleArn, queueArn }));
        const policies = CONTROLLER_POLICY_NAMES.map(
            (policy) =>
                new aws.iam.Policy(
                    `${name}-controller-${policy.toLowerCase()}`,
                    {
                        description: `Karpenter controller: ${policy} (upstream KarpenterController${policy}Policy)`,
                        policy: documents.apply((all) => JSON.stringify(all[policy])),
                        tags,
                    },
                    awsOpts,
                ),
        );
        const role = args.workloadIdentity.serviceAccountRole(
            `${name}-controller`,
            { namespace: KARPENTER_NAMESPACE, serviceAccount: KARPENTER_RELEASE, managedPolicyArns: policies.map((policy) => policy.arn), tags: { ...tags } },
            this,
        );

        const k8sOpts = { parent: this, provider };
        const crds = new k8s.helm.v3.Release(
            `${name}-crd`,
            releaseInputs({ chart: KARPENTER_CRD_CHART, releaseName: "karpenter-crd", namespace: KARPENTER_NAMESPACE, values: {}, timeoutSeconds: 300 }),
            { ...k8sOpts, dependsOn: args.readiness },
        );
        const monitoring = args.prometheusOperatorCrds;
        this.controller = new k8s.helm.v3.Release(
            `${name}-controller`,
            {
                ...releaseInputs({
                    chart: KARPENTER_CHART,
                    releaseName: KARPENTER_RELEASE,
                    namespace: KARPENTER_NAMESPACE,
                    values: controllerValues({
                        config: config.controller,
                        clusterName,
                        interruptionQueue: queue.name,
                        credentials: role,
                        systemNodeGroups: cluster.nodeGroupNames,
                    }),
                    timeoutSeconds: 600,
                }),
                // The karpenter-crd release owns the CRDs (the chart's crds/ holds the same files).
                skipCrds: true,
            },
            // Not after the monitoring stack: node capacity must not wait for it (see serviceMonitor.ts).
            { ...k8sOpts, dependsOn: [crds, ...role.ready, queuePolicy, ...targets, accessEntry, ...nodeAttachments, ...args.readiness] },
        );

        const labels = workloadLabels("karpenter", args.environment, "node-autoscaling");
        const nodeResourceOpts = { ...k8sOpts, customTimeouts: { create: "10m", update: "10m", delete: NODE_RESOURCES_DELETE_TIMEOUT } };
        this.nodeClass = new k8s.apiextensions.CustomResource(
            `${name}-default-node-class`,
            {
                apiVersion: "karpenter.k8s.aws/v1",
                kind: "EC2NodeClass",
                metadata: { name: DEFAULT_POOL, labels },
                spec: pulumi
                    .all([nodeRole.name, clusterName])
                    .apply(([roleName, value]) =>
                        ec2NodeClassSpec({ config: config.nodeClass, roleName, discovery: { key: NODE_DISCOVERY_TAG, value }, tags }),
                    ),
            },
            { ...nodeResourceOpts, dependsOn: [this.controller] },
        );
        this.nodePool = new k8s.apiextensions.CustomResource(
            `${name}-default-node-pool`,
            { apiVersion: "karpenter.sh/v1", kind: "NodePool", metadata: { name: DEFAULT_POOL, labels }, spec: nodePoolSpec(config.nodePool, DEFAULT_POOL) },
            { ...nodeResourceOpts, dependsOn: [this.controller, this.nodeClass] },
        );

        if (monitoring) {
            new k8s.apiextensions.CustomResource(
                `${name}-service-monitor`,
                {
                    apiVersion: "monitoring.coreos.com/v1",
                    kind: "ServiceMonitor",
                    metadata: { name: KARPENTER_RELEASE, namespace: KARPENTER_NAMESPACE, labels: workloadLabels("karpenter", args.environment, "metrics") },
                    spec: controllerServiceMonitorSpec(KARPENTER_RELEASE, KARPENTER_NAMESPACE),
                },
                { ...k8sOpts, dependsOn: [monitoring, this.controller] },
            );
            new k8s.apiextensions.CustomResource(
                `${name}-alerts`,
                {
                    apiVersion: "monitoring.coreos.com/v1",
                    kind: "PrometheusRule",
                    metadata: {
                        name: "karpenter-alerts",
                        namespace: KARPENTER_NAMESPACE,
                        labels: workloadLabels("karpenter", args.environment, "alerting-rules"),
                    },
                    spec: { groups: [karpenterRuleGroup(args.environment)] },
                },
                { ...k8sOpts, dependsOn: [monitoring] },
            );
        }
        this.registerOutputs({ nodePool: DEFAULT_POOL, interruptionQueue: queue.name });
    }
}
