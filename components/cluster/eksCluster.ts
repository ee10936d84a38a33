// AWS EKS: a VPC (awsx), the cluster (pulumi-eks) with OIDC and envelope encryption of
// Secrets, managed node groups with IMDSv2 enforced, the managed add-ons the platform
// needs (VPC CNI, CoreDNS, kube-proxy, EBS CSI driver) and a default gp3 StorageClass.
// This module loads the AWS packages; it is required only by EKS stacks.
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as eks from "@pulumi/eks";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { EksClusterConfig, NodeGroupConfig } from "../../stacks/schema/cluster";
import { amiTypeFor } from "../../stacks/instanceTypes";
import type { Cluster } from "./cluster";
import { EKS_STORAGE_CLASS } from "./storageClass";
import { EBS_CSI_POLICY_ARN, NODE_POLICY_ARNS, ec2TrustPolicy, serviceAccountTrustPolicy } from "./eksPolicies";

export interface EksClusterArgs {
    clusterName: string;
    config: EksClusterConfig;
    tags: Record<string, string>;
}

export class EksCluster extends pulumi.ComponentResource implements Cluster {
    public readonly provider: k8s.Provider;
    public readonly name: pulumi.Output<string>;
    public readonly kubeconfig: pulumi.Output<string>;
    public readonly readiness: pulumi.Resource[];

    constructor(name: string, args: EksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:cluster:EksCluster", name, {}, opts);
        const { clusterName, config, tags } = args;
        const stateful = { parent: this, protect: config.protect };

        const vpc = new awsx.ec2.Vpc(
            "vpc",
            {
                cidrBlock: config.vpc.cidrBlock,
                numberOfAvailabilityZones: config.vpc.availabilityZones,
                natGateways: { strategy: config.vpc.natGateways === "single" ? "Single" : "OnePerAz" },
                subnetStrategy: "Auto",
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

        const cluster = new eks.Cluster(
            "eks",
            {
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
                publicAccessCidrs: config.endpoint.publicAccessCidrs,
                enabledClusterLogTypes: config.logTypes,
                encryptionConfigKeyArn: secretsKey.arn,
                createOidcProvider: true,
                deletionProtection: config.protect,
                corednsAddonOptions: { enabled: true },
                kubeProxyAddonOptions: { enabled: true },
                tags,
            },
            stateful,
        );
        const eksClusterName = cluster.eksCluster.name;

        const nodeGroups = this.nodeGroups(config.nodeGroups, eksClusterName, vpc.privateSubnetIds, tags);

        const vpcCni = new aws.eks.Addon(
            "vpc-cni",
            { clusterName: eksClusterName, addonName: "vpc-cni", resolveConflictsOnCreate: "OVERWRITE", resolveConflictsOnUpdate: "OVERWRITE", tags },
            { parent: this },
        );
        const ebsCsi = this.ebsCsiDriver(cluster, eksClusterName, tags, nodeGroups);

        this.kubeconfig = pulumi.secret(cluster.kubeconfigJson);
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
        this.readiness = [...nodeGroups, vpcCni, ebsCsi, gp3];
        this.registerOutputs({ name: this.name, kubeconfig: this.kubeconfig, vpcId: vpc.vpcId });
    }

    private nodeGroups(groups: NodeGroupConfig[], clusterName: pulumi.Input<string>, subnetIds: pulumi.Input<string[]>, tags: Record<string, string>): aws.eks.NodeGroup[] {
        const role = new aws.iam.Role("node-role", { assumeRolePolicy: ec2TrustPolicy(), tags }, { parent: this });
        const attachments = Object.entries(NODE_POLICY_ARNS).map(
            ([short, policyArn]) => new aws.iam.RolePolicyAttachment(`node-role-${short}`, { role: role.name, policyArn }, { parent: this }),
        );
        return groups.map((group) => {
            const launchTemplate = new aws.ec2.LaunchTemplate(
                `${group.name}-launch-template`,
                {
                    // IMDSv2 only; a hop limit of 2 lets pods that need instance metadata reach it through the node.
                    metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 2 },
                    blockDeviceMappings: [
                        { deviceName: "/dev/xvda", ebs: { volumeSize: group.diskSizeGiB, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } },
                    ],
                    updateDefaultVersion: true,
                    tagSpecifications: [{ resourceType: "instance", tags: { ...tags, Name: `${group.name}-node` } }],
                    tags,
                },
                { parent: this },
            );
            return new aws.eks.NodeGroup(
                group.name,
                {
                    clusterName,
                    nodeGroupName: group.name,
                    nodeRoleArn: role.arn,
                    subnetIds,
                    instanceTypes: group.instanceTypes,
                    capacityType: group.capacityType,
                    amiType: amiTypeFor(group.instanceTypes),
                    scalingConfig: { minSize: group.minSize, maxSize: group.maxSize, desiredSize: group.desiredSize },
                    updateConfig: { maxUnavailable: 1 },
                    launchTemplate: { id: launchTemplate.id, version: launchTemplate.latestVersion.apply(String) },
                    labels: group.labels,
                    tags,
                },
                // The cluster autoscaler owns the desired size once the group exists.
                { parent: this, dependsOn: attachments, ignoreChanges: ["scalingConfig.desiredSize"] },
            );
        });
    }

    private ebsCsiDriver(cluster: eks.Cluster, clusterName: pulumi.Input<string>, tags: Record<string, string>, nodeGroups: aws.eks.NodeGroup[]): aws.eks.Addon {
        const role = new aws.iam.Role(
            "ebs-csi-role",
            {
                assumeRolePolicy: pulumi
                    .all([cluster.oidcProviderArn, cluster.oidcProviderUrl])
                    .apply(([arn, url]) => serviceAccountTrustPolicy(arn, url, "kube-system", "ebs-csi-controller-sa")),
                tags,
            },
            { parent: this },
        );
        const attachment = new aws.iam.RolePolicyAttachment("ebs-csi-policy", { role: role.name, policyArn: EBS_CSI_POLICY_ARN }, { parent: this });
        return new aws.eks.Addon(
            "aws-ebs-csi-driver",
            {
                clusterName,
                addonName: "aws-ebs-csi-driver",
                serviceAccountRoleArn: role.arn,
                resolveConflictsOnCreate: "OVERWRITE",
                resolveConflictsOnUpdate: "OVERWRITE",
                tags,
            },
            // The driver's controller needs nodes to run on before the add-on reports healthy.
            { parent: this, dependsOn: [attachment, ...nodeGroups] },
        );
    }
}

const CLUSTER_ADMIN_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";

/** Cluster-admin access entries; the identity that creates the cluster is an admin already. */
export function adminAccessEntries(principalArns: string[]) {
    return Object.fromEntries(
        principalArns.map((principalArn) => [
            // Keyed by the principal, so reordering the list replaces nothing.
            `admin-${principalArn.split(":").pop()!.replace(/[^A-Za-z0-9-]+/g, "-")}`,
            { principalArn, accessPolicies: { "cluster-admin": { policyArn: CLUSTER_ADMIN_POLICY, accessScope: { type: "cluster" } } } },
        ]),
    );
}
