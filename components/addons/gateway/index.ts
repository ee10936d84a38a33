// The gateway add-on: traffic into the cluster through one shared Gateway (Gateway API,
// Envoy Gateway) with an HTTPS listener, on kind and on EKS alike. On kind the proxy is a
// NodePort Service on fixed node ports that kind maps to host ports; on EKS an
// internet-facing NLB that the AWS Load Balancer Controller provisions. It provides the
// Gateway to the workloads (each web app gets an HTTPRoute on it), the CRDs to
// cert-manager, and the hosts its certificate must cover.
import { defineAddon, requiredWhileActive } from "../contract";
import { GATEWAY_CRDS_CHART, GATEWAY_HELM_CHART } from "./charts";
import { gateway, gatewayDomain } from "./config";
import { appUrls, gatewayHosts, gatewayIssues, httpsHostPort } from "./hosts";
import { SharedGateway, TLS_SECRET_NAME } from "./sharedGateway";

const res = (requests: [string, string], limits: [string, string]) => ({
    requests: { cpu: requests[0], memory: requests[1] },
    limits: { cpu: limits[0], memory: limits[1] },
});

/** kind: a dev stack's few routes, within the memory budget of docs/kind.md; EKS keeps the chart's and Envoy Gateway's defaults. */
const KIND_RESOURCES = {
    controller: res(["50m", "128Mi"], ["500m", "1024Mi"]),
    proxy: res(["50m", "64Mi"], ["1", "512Mi"]),
};

export const gatewayAddon = defineAddon({
    name: "gateway",
    configKey: "gateway",
    schema: gateway,
    runsOn: ["kind", "eks"],
    enabled: (section) => section.enabled,
    // Restricted: the controller, its certgen job and the proxy pods run non-root with RuntimeDefault
    // seccomp, no privilege escalation and no capabilities (the proxy listens on ports above 1024).
    namespace: { key: "gateway", defaultName: "envoy-gateway-system", podSecurity: "restricted" },
    charts: [GATEWAY_HELM_CHART, GATEWAY_CRDS_CHART],
    models: { "gateway.networking.k8s.io": "@kubernetes-models/gateway-api", "gateway.envoyproxy.io": "@kubernetes-models/envoy-gateway" },
    nodePorts: (section, settings) =>
        settings.cluster.type === "kind"
            ? [
                  { path: ["gateway", "nodePorts", "http"], port: section.nodePorts.http, owner: "the Gateway's HTTP listener" },
                  { path: ["gateway", "nodePorts", "https"], port: section.nodePorts.https, owner: "the Gateway's HTTPS listener" },
              ]
            : [],
    settingsIssues: (section, settings, active) => (active ? gatewayIssues(section, settings) : []),
    // certManager provides the issuer and makes the certificate after the Gateway: a check, not a capability.
    mustBeActive: [
        { configKey: "certManager", because: "the Gateway's HTTPS listener serves the certificate cert-manager issues, and without it no app answers" },
    ],
    uses: ["loadBalancerController"],
    provides: ["gatewayApiCrds", "gateway"],
    deploy: ({ config, settings, namespace, provider, cluster, capabilities, deployed, parent }) => {
        const domain = requiredWhileActive(gatewayDomain(config, settings.cluster), "gateway.domain");
        const kind = settings.cluster.type === "kind";
        const loadBalancerController = capabilities.get("loadBalancerController");
        const shared = new SharedGateway(
            "gateway",
            {
                namespace,
                environment: settings.environment,
                domain,
                exposure: kind ? { type: "nodePort", http: config.nodePorts.http, https: config.nodePorts.https } : { type: "networkLoadBalancer" },
                redirectPort: kind ? httpsHostPort(config, settings.cluster) : undefined,
                resources: kind ? KIND_RESOURCES : undefined,
                loadBalancerController,
                kubeconfig: cluster.kubeconfig,
                provider,
            },
            { parent, dependsOn: [namespace.resource, ...(cluster.readiness ?? [])] },
        );
        const { apps } = deployed;
        return {
            capabilities: {
                gatewayApiCrds: shared.gatewayApiCrds,
                gateway: {
                    https: shared.https,
                    http: shared.http,
                    domain,
                    proxy: { namespace: namespace.name, podLabels: shared.proxyPodLabels },
                    // Apps held back from this update get no route yet, so their hosts wait too: an ACME
                    // order fails as a whole when one host does not resolve to the Gateway.
                    tls: { namespace: namespace.name, secretName: TLS_SECRET_NAME, hosts: gatewayHosts(apps, config, domain) },
                    routeDependsOn: [shared.gatewayApiCrds, shared.gateway],
                },
            },
            outputs: { appUrls: appUrls(apps, config, settings, domain) },
        };
    },
});
