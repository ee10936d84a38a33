// The cert-manager add-on: cert-manager (CRDs by the chart, Gateway API support on), the
// ClusterIssuer the platform's certificates come from, and the shared Gateway's certificate.
// kind: a root CA the stack generates (stack output caCertificate, to trust locally) behind
// a CA ClusterIssuer; EKS: Let's Encrypt (staging unless certManager.acme.server says
// production) with HTTP-01 challenges answered through the Gateway.
import { defineAddon } from "../contract";
import { CertManager } from "./certManager";
import { CERT_MANAGER_CHART } from "./charts";
import { certManager, certManagerIssues, issuerType } from "./config";

export const certManagerAddon = defineAddon({
    name: "certManager",
    configKey: "certManager",
    schema: certManager,
    runsOn: ["kind", "eks"],
    enabled: (section) => section.enabled,
    // Restricted: controller, webhook, cainjector and startupapicheck run non-root with RuntimeDefault
    // seccomp, no privilege escalation and no capabilities (chart values.yaml:424-437, 825-838, 1233-1246, 1541-1554).
    namespace: { key: "certManager", defaultName: "cert-manager", podSecurity: "restricted" },
    charts: [CERT_MANAGER_CHART],
    models: { "cert-manager.io": "@kubernetes-models/cert-manager" },
    settingsIssues: (section, settings, active) => (active ? certManagerIssues(section, settings) : []),
    uses: ["gatewayApiCrds", "gateway"],
    provides: ["issuer"],
    deploy: ({ config, settings, namespace, provider, capabilities, parent }) => {
        const manager = new CertManager(
            "cert-manager",
            {
                config,
                issuer: issuerType(config, settings.cluster),
                namespace,
                environment: settings.environment,
                gateway: capabilities.get("gateway"),
                gatewayApiCrds: capabilities.get("gatewayApiCrds"),
                provider,
            },
            { parent, dependsOn: [namespace.resource] },
        );
        return {
            capabilities: { issuer: { name: manager.issuerName, resource: manager.issuer } },
            outputs: manager.caCertificate ? { caCertificate: manager.caCertificate } : {},
        };
    },
});
