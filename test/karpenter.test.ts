// The Karpenter add-on: upstream's IAM documents with the stack's values, the interruption
// queue and its rules, the nodes' role and access entry, the charts and their values, the
// default NodePool and EC2NodeClass against the pinned CRDs, ordering for up and destroy,
// and the discovery tags on the cluster's subnets and node security group.
import * as assert from "node:assert/strict";
import * as v from "valibot";

import { clusterScope } from "../components/addons/karpenter/awsScope";
import { KARPENTER_CHART } from "../components/addons/karpenter/charts";
import { karpenter } from "../components/addons/karpenter/config";
import { CONTROLLER_POLICY_NAMES, controllerPolicies } from "../components/addons/karpenter/controllerPolicies";
import { INTERRUPTION_RULES, interruptionQueuePolicy } from "../components/addons/karpenter/interruption";
import { ec2NodeClassSpec, nodePoolSpec } from "../components/addons/karpenter/nodePool";
import { loadModel } from "../offline/validation/loadModel";
import { schemaProblems as modelProblems } from "../offline/validation/schemaViolations";
import { ConfigError } from "../stacks/configError";
import { parseStackConfig } from "../stacks/parse";
import { configProblems } from "./harness/configProblems";
import { schemaProblems } from "./harness/crdSchema";
import { evaluateConfig, evaluateStackFile, Resources } from "./harness/evaluateStack";
import { validValues } from "./harness/fixtures";
import { crdSchema, expectedInstall, iamFacts, installedChart, referenceChart, skipWithoutReference } from "./harness/reference";
import { T } from "./harness/resourceTypes";
import { boundByPodIdentity, CLUSTER_ARN, roleBinding } from "./harness/workloadIdentity";

const key = (type: string, name: string) => `${type}::${name}`;
const NODE_ROLE_ARN = "arn:aws:iam::123456789012:role/karpenter-node-role";
const QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:platform-prod";

/** Upstream's CloudFormation documents at v1.14.1 (test/fixtures/reference/iam/, derived by tools/cloudFormationFacts.ts). */
const upstreamIam = iamFacts;

/** Fills CloudFormation's placeholders the way the add-on does. */
function substitute(document: unknown): unknown {
    const text = JSON.stringify(document)
        .replaceAll("${AWS::Partition}", "aws")
        .replaceAll("${AWS::Region}", "us-east-1")
        .replaceAll("${AWS::AccountId}", "123456789012")
        .replaceAll("${AWS::URLSuffix}", "amazonaws.com")
        .replaceAll("${ClusterName}", "platform-prod")
        .replaceAll("${KarpenterNodeRole.Arn}", NODE_ROLE_ARN)
        .replaceAll("${KarpenterInterruptionQueue.Arn}", QUEUE_ARN);
    return JSON.parse(text);
}

const POLICIES = controllerPolicies({ scope: clusterScope(CLUSTER_ARN), clusterName: "platform-prod", nodeRoleArn: NODE_ROLE_ARN, queueArn: QUEUE_ARN });

describe("karpenter: IAM documents", () => {
    it("reads partition, region and account from the cluster's ARN", () => {
        assert.deepEqual(clusterScope(CLUSTER_ARN), { partition: "aws", region: "us-east-1", accountId: "123456789012", urlSuffix: "amazonaws.com" });
        assert.equal(clusterScope("arn:aws-cn:eks:cn-north-1:123456789012:cluster/x").urlSuffix, "amazonaws.com.cn");
        assert.throws(() => clusterScope("arn:aws:iam::123456789012:role/x"), /not an EKS cluster ARN/);
    });

    // aws/karpenter-provider-aws@v1.14.1 cloudformation.yaml:27-380: six managed policies since v1.10.0.
    it("are upstream's six controller policies, statement for statement, with the stack's values filled in", () => {
        const upstream = upstreamIam("karpenter-controller-policy.json");
        assert.equal(upstream.source.tag, `v${KARPENTER_CHART.version}`, "the facts come from the pinned version");
        assert.deepEqual(
            new Set(Object.keys(upstream.policies)),
            new Set(CONTROLLER_POLICY_NAMES.map((name) => `${name}Policy`)),
            "upstream has exactly these six",
        );
        for (const name of CONTROLLER_POLICY_NAMES) {
            assert.deepEqual(POLICIES[name], substitute(upstream.policies[`${name}Policy`].PolicyDocument), name);
        }
    });

    it("confine every mutating EC2 and IAM action to resources Karpenter tagged for this cluster", () => {
        const statements = Object.values(POLICIES).flatMap((document) => document.Statement) as any[];
        const actions = (s: any) => [s.Action].flat() as string[];
        // RunInstances on images, subnets and security groups (AllowScopedEC2InstanceAccessActions) uses them, it changes nothing of theirs.
        const mutating = statements.filter((s) =>
            actions(s).some((a) => /^(ec2:(CreateTags|CreateLaunchTemplate|Terminate|Delete)|iam:(Create|Tag|Add|Remove|Delete))/.test(a)),
        );
        assert.ok(mutating.length >= 6);
        for (const statement of mutating) {
            const conditions = JSON.stringify(statement.Condition ?? {});
            assert.match(conditions, /kubernetes\.io\/cluster\/platform-prod/, statement.Sid);
        }
        const passRole = statements.find((s) => s.Sid === "AllowPassingInstanceRole");
        assert.equal(passRole.Resource, NODE_ROLE_ARN, "only the nodes' role may be passed to EC2");
        assert.deepEqual(statements.find((s) => s.Sid === "AllowInterruptionQueueActions").Resource, QUEUE_ARN);
        // pkg/operator/operator.go:301-312 discovers the endpoint with eks:DescribeCluster on this cluster only.
        assert.equal(statements.find((s) => s.Sid === "AllowAPIServerEndpointDiscovery").Resource, CLUSTER_ARN);
    });

    // cloudformation.yaml:387-409; CloudFormation's YAML boolean false becomes the string a JSON policy takes.
    it("let EventBridge send to the interruption queue and deny it over plain HTTP", () => {
        const policy = JSON.parse(interruptionQueuePolicy(QUEUE_ARN));
        const expected = substitute(upstreamIam("karpenter-interruption.json").queuePolicy.PolicyDocument) as any;
        assert.equal(expected.Statement[1].Condition.Bool["aws:SecureTransport"], false, "upstream writes a YAML boolean");
        expected.Statement[1].Condition.Bool["aws:SecureTransport"] = "false";
        assert.deepEqual({ Id: policy.Id, Statement: policy.Statement }, expected);
    });

    // cloudformation.yaml:410-464: five rules, the fifth (capacity reservations) since v1.11.
    it("feed the queue from upstream's five EventBridge patterns", () => {
        const upstream = upstreamIam("karpenter-interruption.json");
        const patterns = INTERRUPTION_RULES.map((rule) => JSON.stringify(rule.eventPattern));
        assert.equal(Object.keys(upstream.rules).length, 5);
        assert.deepEqual(new Set(patterns), new Set(Object.values(upstream.rules).map((r: any) => JSON.stringify(r.EventPattern))));
    });
});

describe("karpenter: the default NodePool and EC2NodeClass", () => {
    const defaults = v.parse(karpenter, { enabled: true });
    const pool = { apiVersion: "karpenter.sh/v1", kind: "NodePool", metadata: { name: "default" }, spec: nodePoolSpec(defaults.nodePool, "default") };
    const nodeClass = {
        apiVersion: "karpenter.k8s.aws/v1",
        kind: "EC2NodeClass",
        metadata: { name: "default" },
        spec: ec2NodeClassSpec({
            config: defaults.nodeClass,
            roleName: "karpenter-node-role",
            discovery: { key: "karpenter.sh/discovery", value: "platform-prod" },
            tags: { "managed-by": "pulumi" },
        }),
    };

    it("default to on-demand m, c and r families of x86, limits of 32 CPUs and 128Gi, consolidation after a minute", () => {
        const spec = pool.spec as any;
        assert.deepEqual(spec.template.spec.requirements, [
            { key: "kubernetes.io/arch", operator: "In", values: ["amd64"] },
            { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
            { key: "karpenter.sh/capacity-type", operator: "In", values: ["on-demand"] },
            { key: "karpenter.k8s.aws/instance-family", operator: "In", values: ["m7i", "m6i", "c7i", "c6i", "r7i", "r6i"] },
        ]);
        assert.deepEqual(spec.limits, { cpu: "32", memory: "128Gi" });
        assert.deepEqual(spec.disruption, { consolidationPolicy: "WhenEmptyOrUnderutilized", consolidateAfter: "1m" });
        assert.equal(spec.template.spec.expireAfter, "720h");
        assert.deepEqual(spec.template.spec.nodeClassRef, { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: "default" });
        assert.equal(defaults.enabled, true);
        assert.equal(v.parse(karpenter, {}).enabled, false, "off unless a stack turns it on");
    });

    it("boot AL2023 with IMDSv2 at one hop, an encrypted gp3 root volume, the discovered subnets and security group, the stack's tags", () => {
        const spec = nodeClass.spec as any;
        assert.deepEqual(spec.amiSelectorTerms, [{ alias: "al2023@latest" }]);
        assert.deepEqual(spec.metadataOptions, { httpEndpoint: "enabled", httpProtocolIPv6: "disabled", httpPutResponseHopLimit: 1, httpTokens: "required" });
        assert.deepEqual(spec.blockDeviceMappings, [
            { deviceName: "/dev/xvda", rootVolume: true, ebs: { volumeSize: "50Gi", volumeType: "gp3", encrypted: true, deleteOnTermination: true } },
        ]);
        assert.deepEqual(spec.subnetSelectorTerms, [{ tags: { "karpenter.sh/discovery": "platform-prod" } }]);
        assert.deepEqual(spec.securityGroupSelectorTerms, spec.subnetSelectorTerms);
        assert.equal(spec.role, "karpenter-node-role");
        assert.deepEqual(spec.tags, { "managed-by": "pulumi" });
    });

    it("take spot and arm64 by config, with the architecture following the families", () => {
        const config = v.parse(karpenter, { nodePool: { capacityTypes: ["spot", "on-demand"], instanceFamilies: ["m7g", "c7g"] } });
        const requirements = (nodePoolSpec(config.nodePool, "default") as any).template.spec.requirements;
        assert.deepEqual(requirements[0].values, ["arm64"]);
        assert.deepEqual(requirements[2].values, ["spot", "on-demand"]);
    });

    // crds/karpenter.sh_nodepools.yaml and karpenter.k8s.aws_ec2nodeclasses.yaml at v1.14.1: types, enums, patterns, unknown fields.
    it("validate against the pinned CRDs' schemas", () => {
        assert.deepEqual(schemaProblems(pool, crdSchema("karpenter.sh_nodepools", "v1")), []);
        assert.deepEqual(schemaProblems(nodeClass, crdSchema("karpenter.k8s.aws_ec2nodeclasses", "v1")), []);
        const typo = { ...pool, spec: { ...(pool.spec as any), disruption: { consolidationPolicy: "WhenUnderutilized", consolidateAfter: "1m" } } };
        assert.match(schemaProblems(typo, crdSchema("karpenter.sh_nodepools", "v1")).join(), /WhenUnderutilized' is not one of/);
    });

    // @kubernetes-models/karpenter 2.0.0 models v1.12: it lacks EC2NodeClass cpuOptions/connectionTracking and the
    // Balanced policy (a free string there); none of those is written here, so both schemas must accept the objects.
    it("validate against @kubernetes-models/karpenter", async () => {
        for (const object of [pool, nodeClass]) {
            const model = await loadModel(object.apiVersion, object.kind);
            assert.ok(model, object.kind);
            assert.deepEqual(modelProblems(object as Record<string, unknown>, model), [], object.kind);
        }
    });
});

describe("karpenter: planned on prod", () => {
    let prod: Resources;
    const inputs = (type: string, name: string) => prod.get(type, name).inputs as any;
    before(async () => {
        prod = await evaluateStackFile("prod");
    });

    it("creates the interruption queue (5 minutes, SSE), its policy, and five rules targeting it", () => {
        const queue = inputs(T.queue, "karpenter-interruption-queue");
        assert.deepEqual(
            { name: queue.name, retention: queue.messageRetentionSeconds, sse: queue.sqsManagedSseEnabled },
            { name: "platform-prod", retention: 300, sse: true },
        );
        assert.equal(inputs(T.queuePolicy, "karpenter-interruption-queue-policy").queueUrl, "https://sqs.us-east-1.amazonaws.com/123456789012/platform-prod");
        assert.equal(prod.ofType(T.eventRule).length, 5);
        for (const target of prod.ofType(T.eventTarget)) {
            assert.deepEqual([(target.inputs as any).arn, (target.inputs as any).targetId], [QUEUE_ARN, "KarpenterInterruptionQueueTarget"]);
        }
        assert.deepEqual(JSON.parse(inputs(T.eventRule, "karpenter-spot-interruption").eventPattern), {
            source: ["aws.ec2"],
            "detail-type": ["EC2 Spot Instance Interruption Warning"],
        });
    });

    it("gives the controller a role that only kube-system/karpenter may assume, bound to it, with the six policies", () => {
        assert.deepEqual(roleBinding(prod, "karpenter-controller"), boundByPodIdentity("kube-system:karpenter"));
        const policyArns = prod
            .ofType(T.attachment)
            .filter((a) => a.name.startsWith("karpenter-controller-policy"))
            .map((a) => (a.inputs as any).policyArn);
        assert.equal(policyArns.length, 6);
        assert.deepEqual(
            new Set(policyArns),
            new Set(
                prod
                    .ofType(T.policy)
                    .filter((p) => p.name.startsWith("karpenter-controller-"))
                    .map((p) => `arn:aws:iam::123456789012:policy/${p.name}`),
            ),
        );
        const lifecycle = JSON.parse(inputs(T.policy, "karpenter-controller-nodelifecycle").policy);
        assert.deepEqual(lifecycle, POLICIES.NodeLifecycle);
    });

    it("gives the nodes a role EC2 assumes, worker and ECR pull policies, and an EC2_LINUX access entry", () => {
        const trust = JSON.parse(inputs(T.role, "karpenter-node-role").assumeRolePolicy).Statement[0];
        assert.deepEqual(trust.Principal, { Service: "ec2.amazonaws.com" });
        const attached = prod
            .ofType(T.attachment)
            .filter((a) => a.name.startsWith("karpenter-node-role-"))
            .map((a) => (a.inputs as any).policyArn);
        assert.deepEqual(attached, ["arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy", "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly"]);
        const entry = inputs(T.accessEntry, "karpenter-node-access-entry");
        assert.deepEqual(entry, { ...entry, clusterName: "platform-prod", principalArn: NODE_ROLE_ARN, type: "EC2_LINUX" });
        assert.equal(
            prod.all.filter((r) => r.type === "aws:eks/accessPolicyAssociation:AccessPolicyAssociation").length,
            0,
            "EC2_LINUX entries take no access policy",
        );
    });

    // The chart's service account is named after the release (karpenter.fullname, templates/_helpers.tpl:13-24: the
    // release name when it contains "karpenter") in the release's namespace: the account the controller's role trusts.
    it("installs the CRD chart, then the controller chart with its CRDs skipped, where the service account the role trusts lives; both charts as the reference pins them", function () {
        const crds = inputs(T.release, "karpenter-crd");
        const controller = inputs(T.release, "karpenter-controller");
        assert.deepEqual(roleBinding(prod, "karpenter-controller").serviceAccounts, [`${controller.namespace}:${controller.name}`]);
        assert.equal(crds.namespace, controller.namespace);
        assert.equal(crds.version, controller.version, "the CRDs of the controller's own version");
        assert.ok(prod.get(T.release, "karpenter-controller").dependsOn.includes(`${T.release}::karpenter-crd`));
        assert.equal(controller.skipCrds, true);
        assert.equal(controller.repositoryOpts, undefined, "an OCI chart takes no repository options");
        const crdChart = referenceChart("karpenter-crd");
        const controllerChart = referenceChart("karpenter");
        if (!crdChart || !controllerChart) {
            skipWithoutReference(this);
        }
        assert.deepEqual(installedChart(crds), expectedInstall(crdChart));
        assert.deepEqual(installedChart(controller), expectedInstall(controllerChart));
    });

    // charts/karpenter/values.yaml:18-25 (SA annotations), :196 (clusterName, required: deployment.yaml:150-151), :206-209 (queue name).
    it("sets the controller's cluster, queue name, system-pool affinity and ServiceMonitor", () => {
        const values = inputs(T.release, "karpenter-controller").values;
        assert.deepEqual(values.settings, { clusterName: "platform-prod", interruptionQueue: "platform-prod" });
        // The rendered service account and pods, and the role bound to them: chartRender.test.ts.
        assert.deepEqual(values.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions, [
            { key: "karpenter.sh/nodepool", operator: "DoesNotExist" },
            { key: "platform.k8s-app-platform.io/node-group", operator: "In", values: ["general"] },
        ]);
        assert.deepEqual(values.affinity.podAntiAffinity, { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname" }] });
        // servicemonitor.yaml:1 renders only where monitoring.coreos.com/v1 exists at install: the program makes it instead.
        assert.equal(values.serviceMonitor.enabled, false);
        assert.equal(values.replicas, 2);
        assert.equal(values.controller.image, undefined, "the published chart's own image (values.yaml at the tag still names 1.13.0)");
    });

    it("orders IAM, queue and CRDs before the controller, and the NodePool and EC2NodeClass after it, so destroy runs the other way", () => {
        const controller = prod.get(T.release, "karpenter-controller").dependsOn;
        for (const dependency of [
            key(T.release, "karpenter-crd"),
            key(T.role, "karpenter-controller-role"),
            key(T.attachment, "karpenter-controller-policy-6"),
            key(T.queuePolicy, "karpenter-interruption-queue-policy"),
            key(T.eventTarget, "karpenter-spot-interruption-target"),
            key(T.accessEntry, "karpenter-node-access-entry"),
            key(T.attachment, "karpenter-node-role-worker-node"),
        ]) {
            assert.ok(controller.includes(dependency), dependency);
        }
        assert.deepEqual(prod.get(T.nodeClass, "karpenter-default-node-class").dependsOn, [key(T.release, "karpenter-controller")]);
        assert.deepEqual(prod.get(T.nodePool, "karpenter-default-node-pool").dependsOn, [
            key(T.release, "karpenter-controller"),
            key(T.nodeClass, "karpenter-default-node-class"),
        ]);
        // The EC2NodeClass finalizer waits for every node to drain and terminate (pkg/controllers/nodeclass/controller.go:214-236).
        assert.equal(prod.get(T.nodeClass, "karpenter-default-node-class").customTimeouts?.delete, "30m");
        assert.equal(prod.get(T.nodePool, "karpenter-default-node-pool").customTimeouts?.delete, "30m");
    });

    // Node capacity must not wait for monitoring: kube-prometheus-stack's release may take its whole
    // 900 s timeout on a full system pool, and Karpenter is what adds room.
    it("starts the controller without waiting for the monitoring stack, directly or through anything it waits for", () => {
        const waitsFor = prod.dependenciesOf(key(T.release, "karpenter-controller"));
        assert.deepEqual(
            [...waitsFor].filter((dependency) => dependency.includes("monitoring")),
            [],
        );
    });

    // charts/karpenter (v1.14.1) templates/servicemonitor.yaml:16-27 and service.yaml:17-24: the metrics
    // Service's port http-metrics, selected by the chart's selector labels (_helpers.tpl:51-54).
    it("scrapes the controller with a ServiceMonitor made after the Prometheus Operator CRDs and the controller", () => {
        const monitor = prod.get("kubernetes:monitoring.coreos.com/v1:ServiceMonitor", "karpenter-service-monitor");
        assert.deepEqual(monitor.dependsOn.sort(), [key(T.release, "karpenter-controller"), key(T.release, "monitoring-kube-prometheus-stack")].sort());
        const spec = (monitor.inputs as any).spec;
        assert.equal((monitor.inputs as any).metadata.namespace, "kube-system");
        assert.deepEqual(spec.selector.matchLabels, {
            "app.kubernetes.io/name": "karpenter",
            "app.kubernetes.io/instance": inputs(T.release, "karpenter-controller").name,
        });
        assert.deepEqual(spec.endpoints, [{ port: "http-metrics", path: "/metrics" }]);
        assert.deepEqual(schemaProblems(monitor.inputs, crdSchema("monitoring.coreos.com_servicemonitors", "v1")), []);
    });

    it("plans the NodePool with the stack's limits and families", () => {
        const spec = inputs(T.nodePool, "karpenter-default-node-pool").spec;
        assert.deepEqual(spec.limits, { cpu: "64", memory: "256Gi" });
        assert.equal(inputs(T.nodeClass, "karpenter-default-node-class").spec.role, "karpenter-node-role");
        assert.deepEqual(schemaProblems(inputs(T.nodePool, "karpenter-default-node-pool"), crdSchema("karpenter.sh_nodepools", "v1")), []);
    });

    it("alerts on a NodePool near and at its limit from karpenter_nodepools_usage and _limit", () => {
        const rule = inputs(T.prometheusRule, "karpenter-alerts");
        assert.equal(rule.metadata.namespace, "kube-system");
        assert.deepEqual(schemaProblems(rule, crdSchema("monitoring.coreos.com_prometheusrules", "v1")), []);
        const rules = rule.spec.groups[0].rules;
        assert.deepEqual(
            rules.map((r: any) => r.alert),
            ["KarpenterNodePoolNearLimit", "KarpenterNodePoolLimitReached"],
        );
        for (const r of rules) {
            assert.match(r.expr, /karpenter_nodepools_usage\) \/ on \(nodepool, resource_type\) .*karpenter_nodepools_limit\)/);
        }
        assert.deepEqual(prod.get(T.prometheusRule, "karpenter-alerts").dependsOn, [key(T.release, "monitoring-kube-prometheus-stack")]);
    });

    // awsx (pulumi/pulumi-awsx ec2/subnetDistributorNew.ts getSubnetSpecsAutoMerge): AutoMerge keeps the default
    // Private+Public layout and adds the tags. EKS user guide nodes/launch-templates.adoc:105: managed node groups
    // whose launch template names no security group get the cluster security group.
    it("tags the private subnets and the nodes' security group for discovery, and leaves desiredSize to the stack", () => {
        const vpc = inputs(T.vpc, "vpc");
        assert.equal(vpc.subnetStrategy, "AutoMerge");
        assert.equal(vpc.subnetSpecs[0].tags["karpenter.sh/discovery"], "platform-prod");
        assert.equal(vpc.subnetSpecs[0].type, "Private");
        assert.deepEqual(inputs(T.tag, "node-security-group-discovery"), {
            resourceId: "sg-0eks0cluster0000000",
            key: "karpenter.sh/discovery",
            value: "platform-prod",
        });
        assert.deepEqual(prod.get("aws:eks/nodeGroup:NodeGroup", "general").ignoreChanges, []);
    });
});

describe("karpenter: config", () => {
    function problems(karpenterSection: unknown, base: Record<string, any> = eksValues()): Map<string, string> {
        return configProblems({ ...base, karpenter: karpenterSection }, "us-east-1");
    }
    function eksValues(): Record<string, any> {
        return {
            environment: "prod",
            cluster: { type: "eks", nodeGroups: [{ name: "general", instanceTypes: ["m7i.large"], minSize: 2, maxSize: 4, desiredSize: 2 }] },
            apps: [{ name: "web", imageTag: "1.0.0", containerPort: 5000 }],
        };
    }

    it("refuses families of two architectures, unknown capacity types, bad durations and limits, naming the key", () => {
        assert.match(problems({ nodePool: { instanceFamilies: ["m7i", "m7g"] } }).get("karpenter.nodePool.instanceFamilies") ?? "", /mixes arm64 and x86_64/);
        assert.match(problems({ nodePool: { capacityTypes: ["reserved"] } }).get("karpenter.nodePool.capacityTypes[0]") ?? "", /on-demand" or "spot/);
        assert.match(problems({ nodePool: { consolidateAfter: "1d" } }).get("karpenter.nodePool.consolidateAfter") ?? "", /s, m and h/);
        assert.match(problems({ nodePool: { limits: { memory: "lots" } } }).get("karpenter.nodePool.limits.memory") ?? "", /is not/);
        // 1000Ei read E as an exponent and said "NaN bytes"; a limit that high (or a CPU limit with a digit too many) removes the ceiling.
        assert.match(
            problems({ nodePool: { limits: { memory: "1000Ei" } } }).get("karpenter.nodePool.limits.memory") ?? "",
            /^'1000Ei' is above 100Ti, the ceiling this platform allows a NodePool/,
        );
        assert.match(problems({ nodePool: { limits: { cpu: "320000" } } }).get("karpenter.nodePool.limits.cpu") ?? "", /^'320000' is above 10000 CPUs/);
        assert.match(problems({ nodeClass: { amiVersion: "2026.08" } }).get("karpenter.nodeClass.amiVersion") ?? "", /latest or a version/);
        assert.deepEqual([...problems({ enabled: true })], []);
    });

    it("is refused when turned on for an existing cluster, and skipped with a warning when its section is only there", async () => {
        assert.throws(
            () => parseStackConfig({ stack: "test", values: { ...validValues(), karpenter: { enabled: true } } }),
            (error: unknown) =>
                error instanceof ConfigError &&
                error.problems.some((problem) => problem.key === "karpenter.enabled" && /runs on eks clusters only/.test(problem.message)),
        );
        const section = { nodePool: { capacityTypes: ["spot"] } };
        assert.deepEqual(parseStackConfig({ stack: "test", values: { ...validValues(), karpenter: section } }).warnings, [
            "karpenter: ignored, since the karpenter add-on runs on eks clusters only, and this stack's cluster is existing",
        ]);
        const resources = await evaluateConfig({ ...validValues(), karpenter: section }, { webApiKey: "k" });
        assert.deepEqual(
            resources.all.filter((r) => r.name.startsWith("karpenter")),
            [],
        );
    });
});
