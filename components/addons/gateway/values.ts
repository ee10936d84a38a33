// Values of the gateway-helm chart (v1.9.0): its CRD subchart off, the CRDs come from the
// gateway-crds-helm chart (charts.ts); everything else the chart's defaults, which run under the
// restricted Pod Security Standard (values.tmpl.yaml:70-81, 148-154, 200-223).
import type { ResourcesConfig } from "../../../stacks/schema/workloads";

/** controllerResources: undefined keeps the chart's (100m, 256Mi, limit 1024Mi: values.yaml:64-69). */
export function envoyGatewayValues(controllerResources?: ResourcesConfig): Record<string, unknown> {
    return {
        // The crds subchart is gated by crds.enabled (charts/gateway-helm/Chart.yaml:27-30; values.tmpl.yaml:41-44).
        crds: { enabled: false },
        ...(controllerResources
            ? { deployment: { envoyGateway: { resources: { requests: { ...controllerResources.requests }, limits: { ...controllerResources.limits } } } } }
            : {}),
    };
}

/** Which CRD set of gateway-crds-helm v1.9.0 to render (values.yaml: both off by default, gatewayAPI.channel experimental). */
export type CrdSet = "gatewayAPI" | "envoyGateway";

export function gatewayCrdValues(set: CrdSet): Record<string, unknown> {
    return {
        crds: {
            gatewayAPI: { enabled: set === "gatewayAPI", channel: "standard" },
            envoyGateway: { enabled: set === "envoyGateway" },
        },
    };
}
