// Remote components (eks.Cluster, awsx.*) are one opaque registration under mocks:
// their outputs exist only if the mock returns them. These are the outputs the
// platform reads, with values shaped like the real ones.

export function remoteComponentOutputs(type: string, name: string): Record<string, unknown> {
    switch (type) {
        case "eks:index:Cluster":
            return {
                kubeconfigJson: JSON.stringify({ apiVersion: "v1", kind: "Config", clusters: [{ name, cluster: { server: "https://example.eks.amazonaws.com" } }] }),
                eksCluster: { name: `${name}-eks`, arn: `arn:aws:eks:eu-west-1:123456789012:cluster/${name}-eks` },
                clusterSecurityGroupId: "sg-0123456789abcdef0",
                oidcProviderArn: `arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/${name.toUpperCase()}`,
                oidcProviderUrl: `oidc.eks.eu-west-1.amazonaws.com/id/${name.toUpperCase()}`,
                oidcIssuer: `https://oidc.eks.eu-west-1.amazonaws.com/id/${name.toUpperCase()}`,
                core: {},
            };
        case "awsx:ec2:Vpc":
            return { vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-private-a", "subnet-private-b"], publicSubnetIds: ["subnet-public-a", "subnet-public-b"] };
        default:
            return {};
    }
}
