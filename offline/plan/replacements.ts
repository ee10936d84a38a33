// Which input changes make `pulumi up` replace a resource rather than update it (pure):
// delete and create again, with what that loses (a cluster and everything in it, a node
// group's nodes, a volume's data). Only the types the platform creates are listed; the
// rules come from the providers' own diff logic.

/** Input paths whose change replaces a resource of a type; a path matches itself and everything below it. */
const REPLACE_ON: Readonly<Record<string, readonly string[]>> = {
    // The kind cluster: its triggers hold the kind config (components/cluster/kindCluster.ts).
    "command:local:Command": ["triggers"],
    // pulumi-kubernetes: only a changed clusterIdentifier replaces the provider (provider/pkg/provider/provider.go:486-503).
    "pulumi:providers:kubernetes": ["clusterIdentifier"],
    // pulumi-eks 4.3.0 creates aws.eks.Cluster from these (nodejs/eks/cluster/cluster.ts:690-723); EKS cannot rename a
    // cluster, move it to other subnets or change its encryption key.
    "eks:index:Cluster": ["name", "vpcId", "publicSubnetIds", "privateSubnetIds", "encryptionConfigKeyArn", "authenticationMode", "createOidcProvider"],
    // terraform-provider-aws internal/service/eks/node_group.go: the ForceNew arguments of aws_eks_node_group.
    "aws:eks/nodeGroup:NodeGroup": [
        "amiType",
        "capacityType",
        "clusterName",
        "diskSize",
        "instanceTypes",
        "nodeGroupName",
        "nodeRoleArn",
        "remoteAccess",
        "subnetIds",
        "launchTemplate.id",
        "launchTemplate.name",
    ],
    "aws:ecr/repository:Repository": ["name", "encryptionConfigurations"],
    "awsx:ec2:Vpc": ["cidrBlock", "numberOfAvailabilityZones", "subnetStrategy", "subnetSpecs"],
    // terraform-provider-aws internal/service/eks/addon.go (ForceNew) and pod_identity_association.go (RequiresReplace): an
    // add-on's service account role and its associations, and an association's role, change in place.
    "aws:eks/addon:Addon": ["addonName", "clusterName"],
    "aws:eks/podIdentityAssociation:PodIdentityAssociation": ["clusterName", "namespace", "serviceAccount"],
    // internal/service/iam/role.go: name, name_prefix and path are ForceNew; the trust policy (assume_role_policy) updates in place.
    "aws:iam/role:Role": ["name", "namePrefix", "path"],
    // helm_release.go:907: a release's name and namespace.
    "kubernetes:helm.sh/v3:Release": ["name", "namespace"],
};

/**
 * pulumi-kubernetes provider/pkg/provider/diff.go:23-180 (forceNewProperties): every object is
 * replaced when its name or namespace changes; some kinds on more (immutable fields). Secrets and
 * ConfigMaps are immutable unless the provider enables mutation (it does not here), so their data
 * changes replace them too.
 */
const KUBERNETES_REPLACE_ON: Readonly<Record<string, readonly string[]>> = {
    Deployment: ["spec.selector"],
    DaemonSet: ["spec.selector"],
    StatefulSet: ["spec.selector", "spec.podManagementPolicy", "spec.serviceName", "spec.volumeClaimTemplates"],
    PersistentVolumeClaim: ["spec.accessModes", "spec.selector", "spec.storageClassName", "spec.volumeName"],
    StorageClass: ["parameters", "provisioner"],
    Service: ["spec.clusterIP"],
    Secret: ["type", "stringData", "data"],
    ConfigMap: ["data", "binaryData"],
    RoleBinding: ["roleRef"],
    ClusterRoleBinding: ["roleRef"],
    Job: ["spec.completions", "spec.parallelism", "spec.selector", "spec.template"],
};

/** Some resources lose state when replaced: say what. */
const WHAT_IS_LOST: Readonly<Record<string, string>> = {
    "command:local:Command":
        "the kind cluster is deleted and created again: everything in it starts empty (metrics and dashboards, the health-check volume, every app)",
    "pulumi:providers:kubernetes": "every Kubernetes object on this provider is created again",
    "eks:index:Cluster": "the EKS cluster is deleted and created again, with everything in it",
    "aws:eks/nodeGroup:NodeGroup": "the node group's nodes are replaced",
    "aws:ecr/repository:Repository": "the repository and its images are deleted",
    "kubernetes:core/v1:PersistentVolumeClaim": "the volume's data is lost",
};

function kindOf(type: string): string | undefined {
    return type.startsWith("kubernetes:") ? type.split(":").pop() : undefined;
}

function replaceOn(type: string): readonly string[] {
    const kind = kindOf(type);
    if (kind && type !== "kubernetes:helm.sh/v3:Release") {
        return ["metadata.name", "metadata.namespace", ...(KUBERNETES_REPLACE_ON[kind] ?? [])];
    }
    return REPLACE_ON[type] ?? [];
}

const covers = (rule: string, path: string) => path === rule || path.startsWith(`${rule}.`) || path.startsWith(`${rule}[`);

/** The changed input paths that replace a resource of this type, and what a replacement loses. */
export function replacement(type: string, changedPaths: readonly string[]): { paths: string[]; loses?: string } | undefined {
    const rules = replaceOn(type);
    const paths = changedPaths.filter((path) => rules.some((rule) => covers(rule, path)));
    return paths.length === 0 ? undefined : { paths, loses: WHAT_IS_LOST[type] };
}
