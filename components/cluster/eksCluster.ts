// AWS EKS: a VPC (awsx), the cluster (pulumi-eks) with OIDC and envelope encryption of
// Secrets, managed node groups with IMDSv2 enforced, the managed add-ons the platform
// needs (VPC CNI with network policies, CoreDNS, kube-proxy, EBS CSI driver) and a
// default gp3 StorageClass. This module loads the AWS packages; only EKS stacks require it.
//
// Order of creation, from what pulumi-eks 4.3.0 does inside its component
// (nodejs/eks/cluster/cluster.ts): the cluster and kube-proxy (:764-797), then the Pod
// Identity agent and vpc-cni with its own IAM role, then the node groups (they need a
// working CNI to become Ready, and the CNI its credentials), then CoreDNS and the EBS CSI
// driver, whose pods need nodes to report healthy.
import * as aws from "@pulumi/aws";
// The ec2 module only: the package index also loads awsx classic and with it the AWS SDK (about 0.15 s).
import * as awsxEc2 from "@pulumi/awsx/ec2";
import * as eks from "@pulumi/eks";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import { amiTypeFor } from "../../stacks/instanceTypes";
import type { EksClusterConfig, NodeGroupConfig } from "../../stacks/schema/cluster";
import { NODE_DISCOVERY_TAG, NODE_GROUP_LABEL, type EksCluster as EksClusterShape, type NodeProvisioning } from "./cluster";
import { defaultAddonVersion, eksAddon } from "./eksAddons";
import { kubeconfigWithProfile } from "./eksKubeconfig";
import { clusterLogs } from "./eksLogs";
import { EBS_CSI_POLICY_ARN, ec2TrustPolicy, nodePolicyArns, VPC_CNI_POLICY_ARN } from "./eksPolicies";
import { eksNodeGroupName } from "./nodeGroupName";
import { EKS_STORAGE_CLASS } from "./storageClass";
import { vpcSubnetSpecs } from "./subnetSpecs";
import { WorkloadIdentity } from "./workloadIdentity";

export interface EksClusterArgs {
    /** Name of the EKS cluster; also names the VPC, its log groups and the node subnets' discovery tag. */
    clusterName: string;
    /** The stack's EKS `cluster` section, defaults applied (stacks/schema/cluster.ts): version, VPC, endpoint, node groups, logs, protect. */
    config: EksClusterConfig;
    /** AWS tags of the VPC, KMS key, log groups, cluster, node groups, IAM roles and EKS add-ons. */
    tags: Record<string, string>;
    /** The `aws:profile` the stack uses, if any: the kubeconfig then runs `aws eks get-token --profile <it>`. */
    awsProfile?: string;
}

export class EksCluster extends pulumi.ComponentResource implements EksClusterShape {
    public readonly clusterType = "eks";
    public readonly config: EksClusterConfig;
    public readonly provider: k8s.Provider;
    public readonly name: pulumi.Output<string>;
    public readonly kubeconfig: pulumi.Output<string>;
    public readonly readiness: pulumi.Resource[];
    public readonly workloadIdentity: WorkloadIdentity;
    public readonly nodeProvisioning: NodeProvisioning;
    public readonly aws: { readonly vpcId: pulumi.Output<string>; readonly region: pulumi.Output<string> };

    constructor(name: string, args: EksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:cluster:EksCluster", name, {}, opts);
        const { clusterName, config, tags } = args;
        this.config = config;
        const stateful = { parent: this, protect: config.protect };

        const vpc = new awsxEc2.Vpc(
            "vpc",
            {
                cidrBlock: config.vpc.cidrBlock,
                numberOfAvailabilityZones: config.vpc.availabilityZones,
                natGateways: { strategy: config.vpc.natGateways === "single" ? "Single" : "OnePerAz" },
                // AutoMerge keeps Auto's default layout and adds the specs' tags (see subnetSpecs.ts).
                subnetStrategy: "AutoMerge",
                subnetSpecs: vpcSubnetSpecs(clusterName),
                enableDnsHostnames: true,
                tags: { ...tags, Name: `${clusterName}-vpc` },
            },
            stateful,
        );

        const secretsKey = new aws.kms.Key(
            "secrets-key",
            { description: `Envelope encryption of Kubernetes Secrets in ${clusterName}`, enableKeyRotation: true, deletionWindowInDays: 30, tags },
            stateful,
        );

        const controlPlaneLogs = clusterLogs({ clusterName, vpcId: vpc.vpcId, retentionDays: config.logRetentionDays, tags }, this);
        const cluster = new eks.Cluster(
            "eks",
            eksClusterArgs(args, vpc, secretsKey.arn, defaultAddonVersion("kube-proxy", config.kubernetesVersion, { parent: this })),
            { ...stateful, dependsOn: [controlPlaneLogs] },
        );
        const eksClusterName = cluster.eksCluster.name;
        this.aws = { vpcId: vpc.vpcId, region: aws.getRegionOutput({}, { parent: this }).region };
        const addon = (addonName: string) => ({ clusterName: eksClusterName, kubernetesVersion: config.kubernetesVersion, tags, addonName });

        // The agent is a host-network DaemonSet (it reaches the node's credentials with the hop limit of 1):
        // installed before the nodes, it runs on each as it joins, before any pod asks it for credentials.
        const agent =
            config.workloadIdentity === "podIdentity"
                ? eksAddon("eks-pod-identity-agent", addon("eks-pod-identity-agent"), { parent: this, dependsOn: [cluster] })
                : undefined;
        const podIdentityAgent = agent ? [agent] : [];
        this.workloadIdentity = new WorkloadIdentity({
            mode: config.workloadIdentity,
            clusterName: eksClusterName,
            clusterArn: cluster.eksCluster.arn,
            oidcProviderArn: cluster.oidcProviderArn,
            oidcProviderUrl: cluster.oidcProviderUrl,
            agent,
        });

        // The network policy agent enforces NetworkPolicy objects; without it they are accepted and ignored.
        const cniRole = this.workloadIdentity.eksAddonRole(
            "vpc-cni",
            { namespace: "kube-system", serviceAccount: "aws-node", managedPolicyArns: [VPC_CNI_POLICY_ARN], tags },
            this,
        );
        const vpcCni = eksAddon(
            "vpc-cni",
            { ...addon("vpc-cni"), identity: cniRole.identity, configurationValues: VPC_CNI_CONFIGURATION, preserve: true },
            // The agent first: the add-on's association serves credentials through it (EKS user guide, add-ons-iam.adoc step 1).
            { parent: this, dependsOn: [...cniRole.ready, ...podIdentityAgent] },
        );

        const network = [vpcCni, ...podIdentityAgent];
        const nodeGroups = this.nodeGroups(config, { cluster, name: eksClusterName, version: cluster.eksCluster.version }, vpc.privateSubnetIds, tags, network);

        const coredns = eksAddon("coredns", { ...addon("coredns"), preserve: true }, { parent: this, dependsOn: nodeGroups });
        const ebsRole = this.workloadIdentity.eksAddonRole(
            "ebs-csi",
            { namespace: "kube-system", serviceAccount: "ebs-csi-controller-sa", managedPolicyArns: [EBS_CSI_POLICY_ARN], tags },
            this,
        );
        const ebsCsi = eksAddon(
            "aws-ebs-csi-driver",
            { ...addon("aws-ebs-csi-driver"), identity: ebsRole.identity },
            // The driver's controller needs nodes to run on before the add-on reports healthy.
            { parent: this, dependsOn: [...ebsRole.ready, ...nodeGroups, ...podIdentityAgent] },
        );

        // Managed node groups whose launch template names no security group get EKS's cluster security
        // group (EKS user guide, nodes/launch-templates.adoc:105); EKS creates it, so a Tag resource marks it.
        const nodeSecurityGroupId = cluster.eksCluster.vpcConfig.clusterSecurityGroupId;
        new aws.ec2.Tag("node-security-group-discovery", { resourceId: nodeSecurityGroupId, key: NODE_DISCOVERY_TAG, value: clusterName }, { parent: this });
        this.nodeProvisioning = {
            clusterName: eksClusterName,
            clusterArn: cluster.eksCluster.arn,
            nodeSecurityGroupId,
            privateSubnetIds: vpc.privateSubnetIds,
            nodeGroupNames: config.nodeGroups.map((group) => group.name),
        };

        // kubeconfigJson leaves the profile out (see eksKubeconfig.ts): without it, every consumer would
        // authenticate with the default credentials instead of the stack's aws:profile.
        this.kubeconfig = pulumi.secret(cluster.kubeconfigJson.apply((json) => kubeconfigWithProfile(json, args.awsProfile)));
        this.name = eksClusterName;
        this.provider = new k8s.Provider(
            "cluster",
            {
                kubeconfig: this.kubeconfig,
                // The kubeconfig embeds tokens and endpoints that change; only the cluster's name identifies it.
                clusterIdentifier: `eks:${clusterName}`,
            },
            { parent: this },
        );

        const gp3 = new k8s.storage.v1.StorageClass(
            "gp3",
            {
                metadata: { name: EKS_STORAGE_CLASS, annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
                provisioner: "ebs.csi.aws.com",
                volumeBindingMode: "WaitForFirstConsumer",
                allowVolumeExpansion: true,
                reclaimPolicy: "Delete",
                parameters: { type: "gp3", encrypted: "true" },
            },
            { parent: this, provider: this.provider, dependsOn: [ebsCsi] },
        );
        this.readiness = [...nodeGroups, ...network, coredns, ebsCsi, gp3];
        this.registerOutputs({ name: this.name, kubeconfig: this.kubeconfig, vpcId: vpc.vpcId });
    }

    private nodeGroups(
        config: EksClusterConfig,
        controlPlane: { cluster: eks.Cluster; name: pulumi.Input<string>; version: pulumi.Input<string> },
        subnetIds: pulumi.Input<string[]>,
        tags: Record<string, string>,
        network: pulumi.Resource[],
    ): aws.eks.NodeGroup[] {
        const role = new aws.iam.Role("node-role", { assumeRolePolicy: ec2TrustPolicy(), tags }, { parent: this });
        const attachments = Object.entries(nodePolicyArns(config.nodeSsmAccess)).map(
            ([short, policyArn]) => new aws.iam.RolePolicyAttachment(`node-role-${short}`, { role: role.name, policyArn }, { parent: this }),
        );
        return config.nodeGroups.map((group: NodeGroupConfig) => {
            const launchTemplate = new aws.ec2.LaunchTemplate(
                `${group.name}-launch-template`,
                {
                    // IMDSv2 only, and one hop: the node itself reaches the metadata service, its pods do not
                    // (they get AWS credentials from Pod Identity or IRSA, never the node's role).
                    metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
                    blockDeviceMappings: [
                        { deviceName: "/dev/xvda", ebs: { volumeSize: group.diskSizeGiB, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } },
                    ],
                    updateDefaultVersion: true,
                    tagSpecifications: [{ resourceType: "instance", tags: { ...tags, Name: `${group.name}-node` } }],
                    tags,
                },
                { parent: this },
            );
            const amiType = amiTypeFor(group.instanceTypes);
            return new aws.eks.NodeGroup(
                group.name,
                {
                    clusterName: controlPlane.name,
                    // The control plane's version as EKS reports it (pulumi-eks 4.3.0 nodegroup.ts:1886-1891 does the
                    // same for its own managed groups): raising kubernetesVersion upgrades the nodes after the control
                    // plane, and EKS refuses the next raise while a group lags behind.
                    version: controlPlane.version,
                    nodeGroupName: eksNodeGroupName({ ...group, amiType }),
                    nodeRoleArn: role.arn,
                    subnetIds,
                    instanceTypes: group.instanceTypes,
                    capacityType: group.capacityType,
                    amiType,
                    scalingConfig: { minSize: group.minSize, maxSize: group.maxSize, desiredSize: group.desiredSize },
                    updateConfig: { maxUnavailable: 1 },
                    launchTemplate: { id: launchTemplate.id, version: launchTemplate.latestVersion.apply(String) },
                    // The config's name, which a replacement keeps: what the system pool's pods select (see cluster.ts).
                    labels: { ...group.labels, [NODE_GROUP_LABEL]: group.name },
                    taints: group.taints,
                    tags,
                },
                // Nodes become Ready only once the CNI runs on them. The group is the system pool: Karpenter adds
                // nodes of its own and never resizes it, so the stack owns desiredSize (no ignoreChanges).
                { parent: this, dependsOn: [controlPlane.cluster, ...attachments, ...network] },
            );
        });
    }
}

/** vpc-cni's configuration (its add-on schema takes strings): the network policy agent on. */
export const VPC_CNI_CONFIGURATION = { enableNetworkPolicy: "true" };

/**
 * The pulumi-eks arguments. The component creates no vpc-cni (`useDefaultVpcCni`,
 * cluster.ts:1091-1093: else a second `vpc-cni` add-on fails with 409) and no CoreDNS
 * (`corednsAddonOptions.enabled: false`, cluster.ts:1175-1184: with no default node group
 * an enabled CoreDNS would be created before any node exists and stay DEGRADED);
 * kube-proxy, a DaemonSet that needs no node to become active, stays inside it at the
 * default version for the cluster's Kubernetes version.
 */
export function eksClusterArgs(
    args: EksClusterArgs,
    vpc: awsxEc2.Vpc,
    encryptionKeyArn: pulumi.Input<string>,
    kubeProxyVersion: pulumi.Input<string>,
): eks.ClusterOptions {
    const { clusterName, config, tags } = args;
    return {
        name: clusterName,
        version: config.kubernetesVersion,
        vpcId: vpc.vpcId,
        publicSubnetIds: vpc.publicSubnetIds,
        privateSubnetIds: vpc.privateSubnetIds,
        nodeAssociatePublicIpAddress: false,
        skipDefaultNodeGroup: true,
        authenticationMode: config.authenticationMode,
        accessEntries: adminAccessEntries(config.adminPrincipalArns),
        endpointPublicAccess: config.endpoint.publicAccess,
        endpointPrivateAccess: config.endpoint.privateAccess,
        // cluster.ts:708-716 throws on CIDRs for an endpoint that is not public.
        ...(config.endpoint.publicAccess && config.endpoint.publicAccessCidrs ? { publicAccessCidrs: config.endpoint.publicAccessCidrs } : {}),
        enabledClusterLogTypes: config.logTypes,
        encryptionConfigKeyArn: encryptionKeyArn,
        createOidcProvider: true,
        deletionProtection: config.protect,
        useDefaultVpcCni: true,
        corednsAddonOptions: { enabled: false },
        kubeProxyAddonOptions: { enabled: true, version: kubeProxyVersion },
        // The component's own provider (cluster.ts:912) uses the profile; kubeconfigJson does not (see eksKubeconfig.ts).
        ...(args.awsProfile ? { providerCredentialOpts: { profileName: args.awsProfile } } : {}),
        tags,
    };
}

const CLUSTER_ADMIN_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";

/** Cluster-admin access entries; the identity that creates the cluster is an admin already. */
export function adminAccessEntries(principalArns: string[]) {
    return Object.fromEntries(
        principalArns.map((principalArn) => [
            // Keyed by the principal, so reordering the list replaces nothing.
            `admin-${principalArn
                .split(":")
                .pop()!
                .replace(/[^A-Za-z0-9-]+/g, "-")}`,
            { principalArn, accessPolicies: { "cluster-admin": { policyArn: CLUSTER_ADMIN_POLICY, accessScope: { type: "cluster" } } } },
        ]),
    );
}
