// The shared Gateway's objects (pure specs, gateway.networking.k8s.io/v1).
//
// Two listeners: `http` (port 80) admits routes of the Gateway's own namespace only, which
// are the redirect to HTTPS below and cert-manager's HTTP-01 solver routes (created in the
// namespace of the Certificate, this one); `https` (port 443) terminates TLS with the
// certificate cert-manager issues and admits HTTPRoutes of the namespaces the platform
// labels as app namespaces. So no app can be served over plain HTTP.
// (gateway-api v1.6.1 apis/v1/gateway_types.go:829-898: allowedRoutes, from Same|Selector.)
import { APP_NAMESPACE_LABEL } from "../../namespaces";
import type { GatewayListenerRef } from "../capabilityTypes";
import { ENVOY_GATEWAY_CONTROLLER } from "./charts";
import { HTTP_PORT, HTTPS_PORT } from "./proxy";

export const HTTP_LISTENER = "http";
export const HTTPS_LISTENER = "https";

export function listenerRef(gateway: { name: string; namespace: string }, sectionName: string): GatewayListenerRef {
    return { group: "gateway.networking.k8s.io", kind: "Gateway", name: gateway.name, namespace: gateway.namespace, sectionName };
}

/**
 * The GatewayClass of Envoy Gateway, parameterised by the EnvoyProxy. The parametersRef
 * names its namespace: Envoy Gateway reads an unset one as "default" (v1.9.0
 * internal/provider/kubernetes/controller.go:3044).
 */
export function gatewayClassSpec(envoyProxy: { name: string; namespace: string }): Record<string, unknown> {
    return {
        controllerName: ENVOY_GATEWAY_CONTROLLER,
        parametersRef: { group: "gateway.envoyproxy.io", kind: "EnvoyProxy", name: envoyProxy.name, namespace: envoyProxy.namespace },
    };
}

export interface GatewaySpecArgs {
    /** The GatewayClass the Gateway belongs to (Envoy Gateway's). */
    readonly gatewayClassName: string;
    /** The stack's domain: the https listener serves `*.<domain>` (names below it, not the domain itself). */
    readonly domain: string;
    /** The Secret in the Gateway's namespace that cert-manager writes the certificate to. */
    readonly tlsSecretName: string;
}

export function gatewaySpec(args: GatewaySpecArgs): Record<string, unknown> {
    return {
        gatewayClassName: args.gatewayClassName,
        listeners: [
            { name: HTTP_LISTENER, protocol: "HTTP", port: HTTP_PORT, allowedRoutes: { namespaces: { from: "Same" } } },
            {
                name: HTTPS_LISTENER,
                protocol: "HTTPS",
                port: HTTPS_PORT,
                // A wildcard matches every name below the domain, at any depth, not the domain itself.
                hostname: `*.${args.domain}`,
                tls: { mode: "Terminate", certificateRefs: [{ group: "", kind: "Secret", name: args.tlsSecretName }] },
                allowedRoutes: {
                    namespaces: { from: "Selector", selector: { matchLabels: { [APP_NAMESPACE_LABEL.key]: APP_NAMESPACE_LABEL.value } } },
                    kinds: [{ group: "gateway.networking.k8s.io", kind: "HTTPRoute" }],
                },
            },
        ],
    };
}

/**
 * Every plain-HTTP request answered with a permanent redirect to https
 * (gateway-api v1.6.1 examples/standard/http-redirect-rewrite/httproute-redirect-http.yaml:8-18).
 * With no port the redirect keeps the well-known one, 443 (apis/v1/httproute_types.go:1247-1274);
 * on kind a host port other than 443 is named. cert-manager's solver routes (an Exact path on
 * the challenged host) take precedence over this catch-all (httproute_types.go:186-193).
 */
export function redirectRouteSpec(http: GatewayListenerRef, httpsPort?: number): Record<string, unknown> {
    return {
        parentRefs: [http],
        rules: [
            {
                filters: [
                    {
                        type: "RequestRedirect",
                        requestRedirect: { scheme: "https", statusCode: 301, ...(httpsPort && httpsPort !== 443 ? { port: httpsPort } : {}) },
                    },
                ],
            },
        ],
    };
}
