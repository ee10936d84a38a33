// The ExternalDNS add-on (EKS stacks): publishes the host of every HTTPRoute on the shared
// Gateway in the domain's Route 53 hosted zone. It provides its release, which the routes
// depend on. It loads @pulumi/aws through the IAM role, so its component is required only
// when deployed.
import { defineAddon, requiredWhileActive } from "../contract";
import { EXTERNAL_DNS_CHART } from "./charts";
import { externalDns, externalDnsIssues } from "./config";

export const externalDnsAddon = defineAddon({
    name: "externalDns",
    configKey: "externalDns",
    schema: externalDns,
    runsOn: ["eks"],
    enabled: (section) => section.enabled,
    // Restricted: non-root (65532), RuntimeDefault seccomp, no privilege escalation, all capabilities dropped (values.yaml:92-123).
    namespace: { key: "externalDns", defaultName: "external-dns", podSecurity: "restricted" },
    charts: [EXTERNAL_DNS_CHART],
    settingsIssues: (section, settings, active) => (active ? externalDnsIssues(section, settings) : []),
    requires: ["gateway", "gatewayApiCrds"],
    provides: ["dnsPublisher"],
    deploy: ({ config, namespace, cluster, tags, provider, capabilities, parent }) => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: keeps the AWS SDKs off the dev path
        const { ExternalDns } = require("./externalDns") as typeof import("./externalDns");
        const dns = new ExternalDns(
            "external-dns",
            {
                namespace: namespace,
                domain: capabilities.require("gateway").domain,
                gatewayApiCrds: capabilities.require("gatewayApiCrds"),
                hostedZoneId: requiredWhileActive(config.hostedZoneId, "externalDns.hostedZoneId"),
                cluster,
                tags,
                provider,
            },
            { parent },
        );
        return { capabilities: { dnsPublisher: dns.release } };
    },
});
