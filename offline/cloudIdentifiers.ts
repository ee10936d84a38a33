// Identifiers AWS assigns on creation. Under mocks a resource's outputs are its inputs,
// so `key.arn` would resolve to undefined and anything fed from it (e.g. an EKS
// cluster's encryptionConfigKeyArn) would look unset to the plan's policies.

export function cloudIdentifiers(type: string, name: string): Record<string, unknown> {
    if (!type.startsWith("aws:")) {
        return {};
    }
    const service = type.slice("aws:".length).split("/")[0].split(":")[0];
    return { arn: `arn:aws:${service}:eu-west-1:123456789012:${name}` };
}
