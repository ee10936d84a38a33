import * as assert from "node:assert/strict";

import { evaluateProgram } from "../offline/evaluate";
import { accountWithPushedImages } from "../offline/pushedImages";
import { isSecretMarker, revealSecrets } from "../offline/secretValues";
import { readStackFile } from "../offline/stackFile";
import { runPlatformProgram } from "../program";
import { amiTypeFor, instanceArchitecture } from "../stacks/instanceTypes";
import { evaluateConfig, evaluateStackFile, PROJECT_ROOT, Resources } from "./harness/evaluateStack";
import { validValues } from "./harness/fixtures";
import { T } from "./harness/resourceTypes";
import { boundByPodIdentity, roleBinding } from "./harness/workloadIdentity";

describe("EKS cluster and ECR (prod)", () => {
    let prod: Resources;
    const inputs = (type: string, name: string) => prod.get(type, name).inputs as any;
    before(async () => {
        prod = await evaluateStackFile("prod");
    });

    it("builds a VPC across three zones with a NAT gateway per zone", () => {
        assert.deepEqual(
            { cidr: inputs(T.vpc, "vpc").cidrBlock, zones: inputs(T.vpc, "vpc").numberOfAvailabilityZones, nat: inputs(T.vpc, "vpc").natGateways },
            { cidr: "10.40.0.0/16", zones: 3, nat: { strategy: "OnePerAz" } },
        );
    });

    it("creates the EKS cluster with the pinned version, API authentication, logs, OIDC and envelope encryption", () => {
        const cluster = inputs(T.cluster, "eks");
        assert.equal(cluster.name, "platform-prod");
        assert.equal(cluster.version, "1.35");
        assert.equal(cluster.authenticationMode, "API");
        assert.equal(cluster.endpointPrivateAccess, true);
        assert.equal(cluster.endpointPublicAccess, false, "private by default");
        assert.equal(cluster.publicAccessCidrs, undefined, "no CIDRs for an endpoint that is not public (pulumi-eks cluster.ts:708-716 would throw)");
        assert.deepEqual(cluster.enabledClusterLogTypes, ["api", "audit", "authenticator", "controllerManager", "scheduler"]);
        assert.equal(cluster.createOidcProvider, true);
        assert.equal(cluster.skipDefaultNodeGroup, true);
        assert.equal(cluster.nodeAssociatePublicIpAddress, false);
        assert.equal(cluster.encryptionConfigKeyArn, "arn:aws:kms:us-east-1:123456789012:key/secrets-key");
        assert.equal(inputs(T.kmsKey, "secrets-key").enableKeyRotation, true);
        assert.deepEqual(cluster.privateSubnetIds, ["subnet-private-a", "subnet-private-b"]);
    });

    it("runs managed node groups in private subnets with IMDSv2 required", () => {
        const group = inputs(T.nodeGroup, "general");
        assert.deepEqual(group.instanceTypes, ["m7i.xlarge", "m6i.xlarge"]);
        assert.equal(group.capacityType, "ON_DEMAND");
        assert.equal(group.amiType, "AL2023_x86_64_STANDARD");
        assert.deepEqual(group.scalingConfig, { minSize: 3, maxSize: 6, desiredSize: 3 });
        assert.deepEqual(group.subnetIds, ["subnet-private-a", "subnet-private-b"]);
        assert.deepEqual(group.launchTemplate, { id: "general-launch-template-id", version: "1" });
        const template = inputs(T.launchTemplate, "general-launch-template");
        assert.deepEqual(template.metadataOptions, { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 });
        assert.equal(template.blockDeviceMappings[0].ebs.encrypted, "true");
        // No autoscaler resizes the group, so the stack owns desiredSize: a change in config applies.
        assert.deepEqual(prod.get(T.nodeGroup, "general").ignoreChanges, []);
    });

    // pulumi-eks 4.3.0 nodejs/eks/nodes/nodegroup.ts:1886-1891 gives its own managed groups the
    // cluster's version; a group without one stays on its version when the control plane is raised,
    // and EKS refuses the next raise while a group lags behind. The value comes from the control
    // plane's output, so Pulumi updates the group after the cluster.
    it("keeps the node groups on the control plane's Kubernetes version, upgraded after it", async () => {
        const group = prod.get(T.nodeGroup, "general");
        assert.equal((group.inputs as any).version, (inputs(T.cluster, "eks") as any).version);
        assert.ok(group.dependsOn.includes(`${T.cluster}::eks`), "after the control plane");
        const cluster = JSON.parse(readStackFile(PROJECT_ROOT, "prod").config["platform:cluster"]);
        const raised = await evaluateStackFile("prod", { "platform:cluster": JSON.stringify({ ...cluster, kubernetesVersion: "1.36" }) });
        assert.equal((raised.get(T.nodeGroup, "general").inputs as any).version, "1.36");
    });

    // AWS::EKS::Nodegroup resource schema (aws-eks-nodegroup.json), createOnlyProperties: CapacityType,
    // InstanceTypes, AmiType and NodegroupName. A change of the first three replaces the group, the
    // replacement is created first, and EKS refuses a second group of the same name.
    it("names each node group from its create-only fields, so a replacement gets a name of its own", async () => {
        const cluster = JSON.parse(readStackFile(PROJECT_ROOT, "prod").config["platform:cluster"]);
        const eksName = async (change: Record<string, unknown>) => {
            const nodeGroups = [{ ...cluster.nodeGroups[0], ...change }];
            const resources = await evaluateStackFile("prod", { "platform:cluster": JSON.stringify({ ...cluster, nodeGroups }) });
            return (resources.get(T.nodeGroup, "general").inputs as any).nodeGroupName as string;
        };
        const current = inputs(T.nodeGroup, "general").nodeGroupName;
        assert.match(current, /^general-[0-9a-f]{8}$/);
        assert.notEqual(await eksName({ instanceTypes: ["m7i.xlarge"] }), current, "instance types are create-only");
        assert.notEqual(await eksName({ capacityType: "SPOT" }), current, "capacity type is create-only");
        assert.notEqual(await eksName({ instanceTypes: ["m7g.large"] }), current, "the AMI type follows the architecture");
        assert.equal(await eksName({ desiredSize: 4, maxSize: 8, labels: { tier: "system" } }), current, "updatable fields keep the group");
    });

    // Karpenter's controller may run only on the system pool. Pinned by eks.amazonaws.com/nodegroup (set by
    // EKS to the group's EKS name), it would fit on no node once the old group is drained during a swap.
    it("labels the system nodes with the config's group name, which Karpenter's controller selects", () => {
        assert.equal(inputs(T.nodeGroup, "general").labels["platform.k8s-app-platform.io/node-group"], "general");
        const values = (prod.get("kubernetes:helm.sh/v3:Release", "karpenter-controller").inputs as any).values;
        const terms = values.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
        assert.deepEqual(
            terms.flatMap((term: any) => term.matchExpressions.map((e: any) => e.key)).filter((key: string) => key.startsWith("eks.amazonaws.com/")),
            [],
        );
        assert.deepEqual(terms[0].matchExpressions.find((e: any) => e.key === "platform.k8s-app-platform.io/node-group").values, ["general"]);
    });

    const addons = () => prod.ofType(T.addon).map((r) => (r.inputs as any).addonName);
    // pulumi-eks 4.3.0 nodejs/eks/cluster/cluster.ts:1091-1093 creates a `vpc-cni` add-on inside
    // eks.Cluster unless useDefaultVpcCni is true; a second aws.eks.Addon("vpc-cni") fails with 409.
    it("creates exactly one vpc-cni add-on: the program's, not the component's", () => {
        assert.equal(inputs(T.cluster, "eks").useDefaultVpcCni, true);
        assert.deepEqual(
            addons().filter((name) => name === "vpc-cni"),
            ["vpc-cni"],
        );
    });

    // The VPC CNI enforces NetworkPolicy only with enableNetworkPolicy on, a string in its add-on
    // schema (pulumi-eks 4.3.0 nodejs/eks/addons/cni-addon.ts:548-550 writes it the same way).
    it("turns on the VPC CNI's network policy agent", () => {
        assert.deepEqual(JSON.parse(inputs(T.addon, "vpc-cni").configurationValues), { enableNetworkPolicy: "true" });
    });

    // Without a role of its own the add-on uses the node role (cni-addon.ts:45-56). The service accounts of the
    // managed add-ons are EKS's: aws-node and ebs-csi-controller-sa (EKS user guide, cni-iam-role.adoc, ebs-csi.adoc).
    it("gives vpc-cni its own role for kube-system:aws-node, bound by the add-on's Pod Identity association, and the node role no CNI policy", () => {
        assert.deepEqual(roleBinding(prod, "vpc-cni"), boundByPodIdentity("kube-system:aws-node"));
        assert.equal(inputs(T.addon, "vpc-cni").serviceAccountRoleArn, undefined);
        assert.equal(inputs(T.attachment, "vpc-cni-policy").policyArn, "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy");
        assert.ok(prod.get(T.addon, "vpc-cni").dependsOn.includes(`${T.attachment}::vpc-cni-policy`), "the role can be used before the add-on runs");
        const nodePolicies = prod
            .ofType(T.attachment)
            .filter((r) => r.name.startsWith("node-role-"))
            .map((r) => (r.inputs as any).policyArn);
        assert.ok(!nodePolicies.includes("arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"), nodePolicies.join(", "));
    });

    it("starts the node groups after vpc-cni, so their nodes get a working CNI", () => {
        assert.ok(prod.get(T.nodeGroup, "general").dependsOn.includes(`${T.addon}::vpc-cni`));
    });

    // cluster.ts:1175-1184: with skipDefaultNodeGroup and CoreDNS enabled, pulumi-eks creates the
    // CoreDNS add-on inside the component, before any node group made outside it can start: the
    // add-on stays DEGRADED until its 20-minute timeout. The program creates it after the nodes.
    it("creates CoreDNS itself, after every node group, and lets the component skip it", () => {
        assert.equal(inputs(T.cluster, "eks").corednsAddonOptions.enabled, false);
        assert.deepEqual(prod.get(T.addon, "coredns").dependsOn, [`${T.nodeGroup}::general`]);
    });

    // cluster.ts:764-797: kube-proxy (a DaemonSet, healthy with no node) stays in the component,
    // which would otherwise pick the most recent build; every add-on takes the default version
    // EKS pairs with the cluster's Kubernetes version, so an upgrade moves them together.
    it("keeps vpc-cni, CoreDNS, kube-proxy and the EBS CSI driver on the versions paired with the Kubernetes version", () => {
        const expected = (addon: string) => `v0.0.0-${addon}-default-for-1.35`;
        for (const addon of ["vpc-cni", "coredns", "aws-ebs-csi-driver"]) {
            assert.equal(inputs(T.addon, addon).addonVersion, expected(addon), addon);
        }
        const kubeProxy = inputs(T.cluster, "eks").kubeProxyAddonOptions;
        assert.deepEqual([kubeProxy.enabled, kubeProxy.version], [true, expected("kube-proxy")]);
    });

    it("installs the EBS CSI driver with its own IAM role, after the node groups", () => {
        const account = "kube-system:ebs-csi-controller-sa";
        assert.deepEqual(roleBinding(prod, "ebs-csi"), boundByPodIdentity(account));
        assert.equal(inputs(T.attachment, "ebs-csi-policy").policyArn, "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy");
        assert.ok(prod.get(T.addon, "aws-ebs-csi-driver").dependsOn.includes(`${T.nodeGroup}::general`));
    });

    it("gives the nodes' role no SSM access by default", () => {
        const nodePolicies = prod
            .ofType(T.attachment)
            .filter((r) => r.name.startsWith("node-role-"))
            .map((r) => (r.inputs as any).policyArn);
        assert.deepEqual(nodePolicies, ["arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy", "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"]);
    });

    // EKS writes control-plane logs to /aws/eks/<cluster>/cluster and creates that group with no
    // expiry unless it exists: the program creates it first, with the configured retention.
    it("keeps the control-plane logs for the configured days, in a log group created before the cluster", () => {
        const group = inputs("aws:cloudwatch/logGroup:LogGroup", "control-plane-logs");
        assert.deepEqual([group.name, group.retentionInDays], ["/aws/eks/platform-prod/cluster", 90]);
        assert.ok(prod.get(T.cluster, "eks").dependsOn.includes("aws:cloudwatch/logGroup:LogGroup::control-plane-logs"));
    });

    it("sends the VPC's flow logs to CloudWatch with a retention, through a role scoped to that log group", () => {
        const flowLog = inputs("aws:ec2/flowLog:FlowLog", "flow-logs");
        assert.deepEqual([flowLog.vpcId, flowLog.trafficType, flowLog.logDestinationType], ["vpc-0123456789abcdef0", "ALL", "cloud-watch-logs"]);
        assert.equal(inputs("aws:cloudwatch/logGroup:LogGroup", "flow-logs").retentionInDays, 90);
        const trust = JSON.parse(inputs(T.role, "flow-logs-role").assumeRolePolicy).Statement[0];
        assert.equal(trust.Principal.Service, "vpc-flow-logs.amazonaws.com");
        // The service acts for this account's flow logs only: the account of the log group it delivers to.
        assert.deepEqual(trust.Condition, { StringEquals: { "aws:SourceAccount": String(flowLog.logDestination).split(":")[4] } });
        assert.match(trust.Condition.StringEquals["aws:SourceAccount"], /^\d{12}$/);
        const delivery = JSON.parse(inputs("aws:iam/rolePolicy:RolePolicy", "flow-logs-delivery").policy).Statement[0];
        assert.deepEqual(delivery.Resource, [flowLog.logDestination, `${flowLog.logDestination}:*`]);
    });

    it("makes workloads wait for CoreDNS and the node groups", () => {
        const namespaces = prod.get("platform:index:Namespaces", "namespaces").dependsOn;
        assert.ok(namespaces.includes(`${T.addon}::coredns`) && namespaces.includes(`${T.nodeGroup}::general`), namespaces.join(", "));
    });

    it("makes an encrypted gp3 StorageClass the default, after the EBS CSI driver", () => {
        const gp3 = prod.get("kubernetes:storage.k8s.io/v1:StorageClass", "gp3");
        assert.equal((gp3.inputs as any).provisioner, "ebs.csi.aws.com");
        assert.deepEqual((gp3.inputs as any).parameters, { type: "gp3", encrypted: "true" });
        assert.equal((gp3.inputs as any).metadata.annotations["storageclass.kubernetes.io/is-default-class"], "true");
        assert.deepEqual(gp3.dependsOn, [`${T.addon}::aws-ebs-csi-driver`]);
    });

    it("builds the Kubernetes provider from the cluster's kubeconfig, secret, identified by the cluster name", () => {
        const provider = prod.get("pulumi:providers:kubernetes", "cluster");
        assert.ok(isSecretMarker(provider.inputs.kubeconfig));
        assert.equal(provider.inputs.clusterIdentifier, "eks:platform-prod");
        const kubernetes = prod.all.filter((r) => r.type.startsWith("kubernetes:"));
        assert.deepEqual(
            kubernetes.filter((r) => r.provider !== "pulumi:providers:kubernetes::cluster").map((r) => r.name),
            [],
        );
    });

    it("creates one scanned, immutable, encrypted ECR repository with a lifecycle policy per app", () => {
        assert.deepEqual(
            prod.ofType(T.repository).map((r) => r.name),
            ["registry-backend-api", "registry-data-api"],
        );
        for (const app of ["backend-api", "data-api"]) {
            const repository = inputs(T.repository, `registry-${app}`);
            assert.equal(repository.name, `prod/${app}`);
            assert.equal(repository.imageTagMutability, "IMMUTABLE");
            assert.deepEqual(repository.imageScanningConfiguration, { scanOnPush: true });
            assert.deepEqual(repository.encryptionConfigurations, [{ encryptionType: "KMS" }]);
            assert.equal(repository.forceDelete, false);
            const rules = JSON.parse(inputs(T.lifecycle, `registry-${app}-lifecycle`).policy).rules;
            assert.deepEqual(
                rules.map((rule: any) => [rule.selection.tagStatus, rule.selection.countType, rule.selection.countNumber]),
                [
                    ["untagged", "sinceImagePushed", 7],
                    ["tagged", "imageCountMoreThan", 30],
                ],
            );
        }
    });

    it("runs each app from its ECR repository with the configured tag", () => {
        const image = (prod.get("kubernetes:apps/v1:Deployment", "backend-api").inputs.spec as any).template.spec.containers[0].image;
        assert.equal(image, "123456789012.dkr.ecr.us-east-1.amazonaws.com/prod/backend-api:1.0.0");
    });

    it("protects the stateful resources", () => {
        const protectedResources = prod.all.filter((r) => r.protect).map((r) => `${r.type}::${r.name}`);
        assert.deepEqual(
            protectedResources.sort(),
            [
                `${T.repository}::registry-backend-api`,
                `${T.repository}::registry-data-api`,
                `${T.kmsKey}::secrets-key`,
                // Loki's chunks and Velero's backups.
                "aws:s3/bucket:Bucket::logs-loki-chunks",
                "aws:s3/bucket:Bucket::backups-bucket",
                `${T.vpc}::vpc`,
                `${T.cluster}::eks`,
            ].sort(),
        );
        assert.equal(inputs(T.cluster, "eks").deletionProtection, true);
    });

    // The teardown (docs/operations.md "Teardown"): protect false, pulumi up, pulumi destroy. Nothing is
    // protected any more, EKS deletion protection is off, and destroy deletes the repositories
    // and buckets with their contents (ECR force_delete, S3 force_destroy), which it otherwise refuses.
    it("unprotected for the teardown, lets destroy remove everything, repositories and buckets with their contents", async () => {
        const cluster = JSON.parse(readStackFile(PROJECT_ROOT, "prod").config["platform:cluster"]);
        const unprotected = await evaluateStackFile("prod", { "platform:cluster": JSON.stringify({ ...cluster, protect: false }) });
        assert.deepEqual(
            unprotected.all.filter((r) => r.protect).map((r) => r.name),
            [],
        );
        assert.equal((unprotected.get(T.cluster, "eks").inputs as any).deletionProtection, false);
        assert.deepEqual(
            unprotected.all.filter((r) => r.type === T.repository).map((r) => (r.inputs as any).forceDelete),
            [true, true],
        );
        assert.deepEqual(
            unprotected.all.filter((r) => r.type === "aws:s3/bucket:Bucket").map((r) => (r.inputs as any).forceDestroy),
            [true, true],
        );
        assert.deepEqual(
            prod.all.filter((r) => r.type === T.repository).map((r) => (r.inputs as any).forceDelete),
            [false, false],
        );
    });

    it("outputs the kubeconfig as a secret, the cluster name and the registry URLs", async () => {
        const outputs = prod.outputs as any;
        assert.equal(await outputs.kubeconfig.isSecret, true);
        assert.equal(await outputs.clusterName.promise(), "platform-prod");
        assert.equal(await outputs.repositoryUrls["data-api"].promise(), "123456789012.dkr.ecr.us-east-1.amazonaws.com/prod/data-api");
    });
});

describe("EKS kubeconfig and access", () => {
    const eksValues = () => {
        const values = validValues();
        values.cluster = { type: "eks", nodeGroups: [{ name: "general", instanceTypes: ["m7i.large"], minSize: 2, maxSize: 4, desiredSize: 2 }] };
        values.apps = values.apps.map((app: any) => ({ ...app, image: undefined, imageTag: "1.0.0" }));
        return values;
    };

    it("attaches SSM access to the nodes' role only when asked to", async () => {
        const values = eksValues();
        values.cluster.nodeSsmAccess = true;
        const resources = await evaluateConfig(values);
        assert.equal((resources.get(T.attachment, "node-role-ssm").inputs as any).policyArn, "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
    });

    it("passes publicAccessCidrs only for a public endpoint", async () => {
        const values = eksValues();
        values.cluster.endpoint = { publicAccess: true, publicAccessCidrs: ["203.0.113.7/32"] };
        const cluster = (await evaluateConfig(values)).get(T.cluster, "eks").inputs as any;
        assert.deepEqual([cluster.endpointPublicAccess, cluster.publicAccessCidrs], [true, ["203.0.113.7/32"]]);
    });

    // pulumi-eks 4.3.0 cluster.ts:232-237: with providerCredentialOpts.profileName the kubeconfig's
    // token command runs `aws eks get-token --profile <name>`.
    it("puts the configured aws:profile into the kubeconfig, and nothing without one", async () => {
        const withProfile = await evaluateProgramWith(eksValues(), { "aws:profile": "platform-admin" });
        assert.deepEqual((withProfile.get(T.cluster, "eks").inputs as any).providerCredentialOpts, { profileName: "platform-admin" });
        const without = await evaluateConfig(eksValues());
        assert.equal((without.get(T.cluster, "eks").inputs as any).providerCredentialOpts, undefined);
    });

    // pulumi-eks 4.3.0 nodejs/eks/cluster/cluster.ts:912 and :1275/:2166: only the component's own
    // provider gets the profile; kubeconfigJson is built without it. The token command needs the
    // `--profile <name>` pair (:232-237, as getKubeconfig({ profileName }) returns it, :2324-2335)
    // in every kubeconfig the program hands on, or kubectl and the provider use other credentials.
    it("hands the aws:profile kubeconfig to the provider, the kubeconfig output and the destroy-time drain", async () => {
        const withProfile = await evaluateStackFile("prod", { "aws:profile": "platform-admin" });
        const tokenArgs = (kubeconfig: unknown) => JSON.parse(String(revealSecrets(kubeconfig))).users[0].user.exec.args as string[];
        const consumers = {
            provider: withProfile.get("pulumi:providers:kubernetes", "cluster").inputs.kubeconfig,
            drain: withProfile.get("command:local:Command", "gateway-proxy-service-drain").inputs.stdin,
            output: await (withProfile.outputs.kubeconfig as any).promise(),
        };
        for (const [consumer, kubeconfig] of Object.entries(consumers)) {
            assert.deepEqual(tokenArgs(kubeconfig).slice(-2), ["--profile", "platform-admin"], consumer);
            assert.deepEqual(
                tokenArgs(kubeconfig).filter((arg) => arg === "--profile"),
                ["--profile"],
                `${consumer}: once`,
            );
        }
        const without = await evaluateConfig(eksValues());
        assert.ok(!tokenArgs(without.get("pulumi:providers:kubernetes", "cluster").inputs.kubeconfig).includes("--profile"));
    });

    // cluster.ts:1030-1057: accessEntries become aws.eks.AccessEntry resources with their policies.
    it("grants cluster admin to each configured principal, keyed by the principal", async () => {
        const values = validValues();
        values.cluster = {
            type: "eks",
            adminPrincipalArns: ["arn:aws:iam::123456789012:role/platform-admins", "arn:aws:iam::123456789012:user/ops/alice"],
            nodeGroups: [{ name: "general", instanceTypes: ["m7i.large"], minSize: 2, maxSize: 4, desiredSize: 2 }],
        };
        const cluster = (await evaluateConfig(values)).get(T.cluster, "eks").inputs as any;
        assert.deepEqual(Object.keys(cluster.accessEntries), ["admin-role-platform-admins", "admin-user-ops-alice"]);
        assert.deepEqual(cluster.accessEntries["admin-role-platform-admins"], {
            principalArn: "arn:aws:iam::123456789012:role/platform-admins",
            accessPolicies: {
                "cluster-admin": { policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", accessScope: { type: "cluster" } },
            },
        });
    });
});

/** Evaluates the program with extra config of other namespaces (e.g. aws:profile), as `pulumi config set` would add it. */
async function evaluateProgramWith(values: Record<string, unknown>, extra: Record<string, string>): Promise<Resources> {
    const config = Object.fromEntries(
        Object.entries(values).map(([key, value]) => [`platform:${key}`, typeof value === "string" ? value : JSON.stringify(value)]),
    );
    const evaluation = await evaluateProgram({
        project: "platform",
        stack: "test",
        config: { "aws:region": "us-east-1", ...config, ...extra },
        secretKeys: ["platform:webApiKey"],
        account: accountWithPushedImages("platform", config),
        program: (rootOptions) => runPlatformProgram({ rootOptions }),
    });
    return new Resources(evaluation.resources, evaluation.outputs);
}

describe("instance types", () => {
    it("tells Graviton from x86 families and picks the matching AMI type", () => {
        assert.deepEqual(["m7g.large", "c7gn.xlarge", "t4g.small", "m7i.large", "g4dn.xlarge", "m7i-flex.large"].map(instanceArchitecture), [
            "arm64",
            "arm64",
            "arm64",
            "x86_64",
            "x86_64",
            "x86_64",
        ]);
        assert.equal(amiTypeFor(["m7g.large"]), "AL2023_ARM_64_STANDARD");
    });
});
