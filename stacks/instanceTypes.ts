// EC2 instance types: the CPU architecture follows from the family name, since
// Graviton (arm64) families carry a `g` after the generation digit (m7g, c7gn, t4g).

export type Architecture = "arm64" | "x86_64";

export function instanceArchitecture(instanceType: string): Architecture {
    const family = instanceType.split(".")[0].split("-")[0];
    return /^[a-z]+\d+[a-z]*g[a-z]*$/.test(family) ? "arm64" : "x86_64";
}

/** The EKS-optimized Amazon Linux 2023 AMI type for a node group's instance types. */
export function amiTypeFor(instanceTypes: readonly string[]): "AL2023_ARM_64_STANDARD" | "AL2023_x86_64_STANDARD" {
    return instanceArchitecture(instanceTypes[0]) === "arm64" ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD";
}
