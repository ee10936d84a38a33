// The stack outputs the suite needs, read once from `pulumi stack output --json
// --show-secrets` (pure parsing; the caller runs the command).

export interface StackUnderTest {
    kubeconfig: string;
    clusterName: string;
    /** How to reach each app from the machine: https URLs through the gateway, else localhost node-port URLs. */
    appUrls: Record<string, string>;
    /** The CA certificate the gateway's certificates chain to, when the stack has one. */
    caCertificate?: string;
}

export function parseStackOutputs(json: string): StackUnderTest {
    const outputs = JSON.parse(json) as Record<string, unknown>;
    if (typeof outputs.kubeconfig !== "string" || typeof outputs.clusterName !== "string") {
        throw new Error("the stack outputs have no kubeconfig or clusterName: was `pulumi up` run, and with --show-secrets?");
    }
    const urls = (value: unknown) =>
        Object.fromEntries(
            Object.entries((value ?? {}) as Record<string, unknown>).filter(
                (entry): entry is [string, string] => typeof entry[1] === "string" && /^https?:\/\//.test(entry[1]),
            ),
        );
    const appUrls = Object.keys(urls(outputs.appUrls)).length > 0 ? urls(outputs.appUrls) : urls(outputs.appAccess);
    return {
        kubeconfig: outputs.kubeconfig,
        clusterName: outputs.clusterName,
        appUrls,
        ...(typeof outputs.caCertificate === "string" ? { caCertificate: outputs.caCertificate } : {}),
    };
}
