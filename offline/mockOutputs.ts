// Outputs that providers compute and the program reads, which mocks must supply:
// remote components (eks.Cluster, awsx.*) are one opaque registration under mocks, and
// provider-computed properties (ECR URLs, command output) do not exist unless returned.
// Values are shaped like the real ones.
import { createHash } from "node:crypto";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";

export function mockOutputs(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
    switch (type) {
        case "eks:index:Cluster": {
            const id = name.toUpperCase();
            const clusterName = String(inputs.name ?? name);
            return {
                kubeconfigJson: JSON.stringify(eksKubeconfig(clusterName, `https://${id}.gr7.${REGION}.eks.amazonaws.com`)),
                eksCluster: {
                    name: clusterName,
                    version: inputs.version,
                    arn: `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/${clusterName}`,
                    vpcConfig: { clusterSecurityGroupId: "sg-0eks0cluster0000000" },
                },
                clusterSecurityGroupId: "sg-0123456789abcdef0",
                oidcProviderArn: `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.${REGION}.amazonaws.com/id/${id}`,
                oidcProviderUrl: `oidc.eks.${REGION}.amazonaws.com/id/${id}`,
                oidcIssuer: `https://oidc.eks.${REGION}.amazonaws.com/id/${id}`,
            };
        }
        case "awsx:ec2:Vpc":
            return {
                vpcId: "vpc-0123456789abcdef0",
                privateSubnetIds: ["subnet-private-a", "subnet-private-b"],
                publicSubnetIds: ["subnet-public-a", "subnet-public-b"],
            };
        case "aws:ecr/repository:Repository":
            return { repositoryUrl: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${String(inputs.name ?? name)}` };
        case "aws:iam/role:Role":
            return { arn: `arn:aws:iam::${ACCOUNT}:role/${name}`, name };
        case "aws:sqs/queue:Queue": {
            const queueName = String(inputs.name ?? name);
            return {
                arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${queueName}`,
                url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${queueName}`,
                name: queueName,
            };
        }
        case "aws:cloudwatch/eventRule:EventRule":
            return { arn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/${name}`, name };
        case "aws:iam/policy:Policy":
            return { arn: `arn:aws:iam::${ACCOUNT}:policy/${name}` };
        case "aws:kms/key:Key":
            return { arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${name}` };
        case "aws:ec2/launchTemplate:LaunchTemplate":
            return { latestVersion: 1 };
        case "random:index/randomPassword:RandomPassword":
            return { result: `mock-password-${name}` };
        case "tls:index/privateKey:PrivateKey":
            return { privateKeyPem: `-----BEGIN PRIVATE KEY-----\nmock-${name}\n-----END PRIVATE KEY-----\n` };
        case "tls:index/selfSignedCert:SelfSignedCert":
            return { certPem: `-----BEGIN CERTIFICATE-----\nmock-${name}\n-----END CERTIFICATE-----\n` };
        case "command:local:Command":
            return { stdout: commandStdout(name, inputs) };
        default:
            if (type.startsWith("kubernetes:")) {
                // The API server returns the object's metadata; the program passes objects by reference through it (secret.metadata.name).
                return inputs.metadata === undefined ? {} : { metadata: inputs.metadata };
            }
            // AWS assigns every resource an ARN; values fed from it (e.g. a key's ARN) must not look unset.
            return type.startsWith("aws:") ? { arn: `arn:aws:${type.slice(4).split(/[/:]/)[0]}:${REGION}:${ACCOUNT}:${name}` } : {};
    }
}

/** pulumi-eks 4.3.0's kubeconfigJson (nodejs/eks/cluster/cluster.ts:203-276, built without the profile). */
function eksKubeconfig(clusterName: string, server: string) {
    const args = ["--region", REGION, "eks", "get-token", "--cluster-name", clusterName, "--output", "json"];
    const env = [{ name: "KUBERNETES_EXEC_INFO", value: `{"apiVersion": "client.authentication.k8s.io/v1beta1"}` }];
    return {
        apiVersion: "v1",
        clusters: [{ cluster: { server, "certificate-authority-data": "LS0tLS1CRUdJTi1DRVJUSUZJQ0FURS0tLS0t" }, name: "kubernetes" }],
        contexts: [{ context: { cluster: "kubernetes", user: "aws" }, name: "aws" }],
        "current-context": "aws",
        kind: "Config",
        users: [{ name: "aws", user: { exec: { apiVersion: "client.authentication.k8s.io/v1beta1", command: "aws", args, env } } }],
    };
}

/**
 * The kind cluster's create command prints the control-plane container's ID. Only a change
 * of `triggers` replaces a Command (pulumi-command v1.2.1 provider/pkg/provider/common/inputs.go:9-10);
 * another `create` script runs as an update of the same cluster (local/commandController.go:66-90),
 * which prints the same ID. So the ID follows the triggers (the kind config) and stdin.
 */
function commandStdout(name: string, inputs: Record<string, unknown>): string {
    if (name.endsWith("kubeconfig")) {
        return "apiVersion: v1\nkind: Config\nclusters: []\n";
    }
    return name === "kind-cluster"
        ? `${createHash("sha256")
              .update(JSON.stringify([inputs.triggers, inputs.stdin]))
              .digest("hex")}\n`
        : "";
}

/** What the mocked account holds: image tags and digests per ECR repository (a repository listed exists). */
export interface MockAccount {
    ecrImages?: Record<string, string[]>;
}

/** Results of the invokes the program makes: ECR contents, the caller's account and partition, and EKS add-on versions (shaped like AWS's). */
export function mockCallResult(token: string, inputs: Record<string, unknown>, account: MockAccount): Record<string, unknown> {
    const images = account.ecrImages ?? {};
    switch (token) {
        case "aws:ecr/getRepositories:getRepositories":
            return { id: REGION, region: REGION, names: Object.keys(images) };
        case "aws:ecr/getImages:getImages": {
            const name = String(inputs.repositoryName);
            const references = images[name] ?? [];
            return {
                repositoryName: name,
                region: REGION,
                imageIds: references.map((ref) =>
                    ref.startsWith("sha256:") ? { imageDigest: ref } : { imageTag: ref, imageDigest: `sha256:${"0".repeat(64)}` },
                ),
            };
        }
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/mock`, userId: "AIDAMOCK", id: ACCOUNT };
        case "aws:index/getRegion:getRegion":
            return { region: REGION, name: REGION, id: REGION };
        case "aws:index/getPartition:getPartition":
            return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
        case "aws:eks/getAddonVersion:getAddonVersion":
            return {
                addonName: inputs.addonName,
                kubernetesVersion: inputs.kubernetesVersion,
                version: `v0.0.0-${String(inputs.addonName)}-default-for-${String(inputs.kubernetesVersion)}`,
            };
        default:
            return {};
    }
}
