// A LoadBalancer Service in dev either hangs in Pending (kind has no load balancer)
// or, on a cloud, buys a public endpoint nobody asked for. "dev" is the object's
// `env` label, which the platform sets from the stack's `environment` config; so the
// rule reads the object alone and holds in the offline plan and in the policy pack.
//
// The Envoy proxy's Service is not declared by the program: Envoy Gateway creates it from
// the EnvoyProxy its GatewayClass names, as a LoadBalancer unless
// spec.provider.kubernetes.envoyService.type says otherwise (envoy gateway v1.9.0
// api/v1alpha1/shared_types.go:336-343), or with no EnvoyProxy at all. So the rule judges
// those two objects too.
import { asRecord, kindOf, metadataOf } from "../kubernetes/objects";
import type { PolicyResource, ResourceRule } from "../rule";

export const DEV_ENVIRONMENT = "dev";

/** The controller name of Envoy Gateway's GatewayClasses (gateway-helm v1.9.0 values.tmpl.yaml:176). */
const ENVOY_GATEWAY_CONTROLLER = "gateway.envoyproxy.io/gatewayclass-controller";

function loadBalancerProblem(resource: PolicyResource): string | undefined {
    const spec = asRecord(resource.inputs.spec);
    switch (kindOf(resource)) {
        case "Service":
            return spec.type === "LoadBalancer" ? "spec.type must not be LoadBalancer in dev (env=dev); use ClusterIP and kubectl port-forward" : undefined;
        case "EnvoyProxy": {
            const service = asRecord(asRecord(asRecord(spec.provider).kubernetes).envoyService);
            const type = service.type ?? "LoadBalancer";
            return type === "LoadBalancer"
                ? `spec.provider.kubernetes.envoyService.type is ${service.type === undefined ? "unset, which Envoy Gateway makes a LoadBalancer" : "LoadBalancer"}; in dev (env=dev) set NodePort (kind maps node ports to host ports) or ClusterIP`
                : undefined;
        }
        case "GatewayClass":
            return spec.controllerName === ENVOY_GATEWAY_CONTROLLER && spec.parametersRef === undefined
                ? "spec.parametersRef is unset: Envoy Gateway's default proxy Service is a LoadBalancer; in dev (env=dev) name an EnvoyProxy whose envoyService.type is NodePort or ClusterIP"
                : undefined;
        default:
            return undefined;
    }
}

export const noLoadBalancerInDev: ResourceRule = {
    name: "no-load-balancer-in-dev",
    description:
        "No Service of type LoadBalancer in dev (objects labelled env=dev), declared or made by Envoy Gateway from an EnvoyProxy or GatewayClass; use ClusterIP with kubectl port-forward, or a NodePort.",
    check: (resource) => {
        const problem = loadBalancerProblem(resource);
        return problem && metadataOf(resource).labels.env === DEV_ENVIRONMENT ? [problem] : [];
    },
};
