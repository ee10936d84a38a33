// How the Envoy proxy is exposed, per cluster type (pure): the EnvoyProxy spec the
// GatewayClass points at. Envoy Gateway builds the proxy Service from
// spec.provider.kubernetes.envoyService (envoy gateway v1.9.0
// internal/infrastructure/kubernetes/proxy/resource_provider.go:193-312): its type
// (default LoadBalancer: api/v1alpha1/shared_types.go:336-343), annotations copied onto the
// Service (:237-239), loadBalancerClass for LoadBalancers only (resource/resource.go:31-35),
// and a patch applied last (:308).
//
// - kind: a NodePort on fixed ports, which kind maps to host ports. There is no nodePort
//   field; a strategic-merge patch of spec.ports sets them, merged by `port`, the listener
//   port (shared_types.go:571-583; internal/utils/merge.go:18-52). externalTrafficPolicy
//   Cluster: kind's port mappings reach the control-plane node, which runs no proxy pod,
//   and the default Local (shared_types.go:378-380) would drop that traffic.
// - EKS: an internet-facing NLB with IP targets, provisioned by the AWS Load Balancer
//   Controller: the class service.k8s.aws/nlb names it (its service mutator webhook is off,
//   so nothing sets the class behind Envoy Gateway's back: envoyproxy/gateway#1793), the
//   annotations pick the scheme (default internal) and target type
//   (aws-load-balancer-controller v3.5.0 docs/guide/service/nlb.md:5-12, 36-89, 91-144).
//   Two proxy replicas, so a node drain keeps the Gateway up.

import type { ResourcesConfig } from "../../../stacks/schema/workloads";

export type ProxyExposure = { readonly type: "nodePort"; readonly http: number; readonly https: number } | { readonly type: "networkLoadBalancer" };

/** The listener ports of the shared Gateway; Envoy listens on them + 10000 in the pod (envoy gateway v1.9.0 internal/gatewayapi/listener.go:1403-1425). */
export const HTTP_PORT = 80;
export const HTTPS_PORT = 443;

export const NLB_CLASS = "service.k8s.aws/nlb";

/**
 * proxyResources replaces the Envoy container's default requests (100m, 512Mi: envoy gateway
 * v1.9.0 api/v1alpha1/kubernetes_helpers.go:107-122, shared_types.go:25-27); the
 * shutdown-manager sidecar keeps its own 32Mi (internal/infrastructure/kubernetes/proxy/resource.go:199-205).
 */
export function envoyProxySpec(exposure: ProxyExposure, proxyResources?: ResourcesConfig): Record<string, unknown> {
    const container = proxyResources
        ? { container: { resources: { requests: { ...proxyResources.requests }, limits: { ...proxyResources.limits } } } }
        : undefined;
    const kubernetes =
        exposure.type === "nodePort"
            ? {
                  ...(container ? { envoyDeployment: container } : {}),
                  envoyService: {
                      type: "NodePort",
                      externalTrafficPolicy: "Cluster",
                      patch: {
                          type: "StrategicMerge",
                          value: {
                              spec: {
                                  ports: [
                                      { port: HTTP_PORT, nodePort: exposure.http },
                                      { port: HTTPS_PORT, nodePort: exposure.https },
                                  ],
                              },
                          },
                      },
                  },
              }
            : {
                  envoyDeployment: { replicas: 2, ...container },
                  envoyService: {
                      type: "LoadBalancer",
                      loadBalancerClass: NLB_CLASS,
                      annotations: {
                          "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing",
                          "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type": "ip",
                      },
                  },
              };
    return { provider: { type: "Kubernetes", kubernetes } };
}
