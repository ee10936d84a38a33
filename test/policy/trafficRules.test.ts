// The traffic policies: no load balancer in dev, whether declared as a Service or made by
// Envoy Gateway from an EnvoyProxy or GatewayClass; in prod, routes on HTTPS listeners only.
import * as assert from "node:assert/strict";

import { gatewayClassSpec, gatewaySpec, listenerRef, redirectRouteSpec } from "../../components/addons/gateway/gatewaySpec";
import { envoyProxySpec } from "../../components/addons/gateway/proxy";
import { httpRouteSpec } from "../../components/workloads/httpRoute";
import type { PolicyResource } from "../../policy/rule";
import { noLoadBalancerInDev } from "../../policy/rules/devLoadBalancers";
import { httpsOnlyRoutes } from "../../policy/rules/httpsOnlyRoutes";
import { labels } from "./fixtures";

const ENVOY_PROXY = "kubernetes:gateway.envoyproxy.io/v1alpha1:EnvoyProxy";
const GATEWAY_CLASS = "kubernetes:gateway.networking.k8s.io/v1:GatewayClass";
const GATEWAY = "kubernetes:gateway.networking.k8s.io/v1:Gateway";
const HTTP_ROUTE = "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute";

const object = (type: string, name: string, spec: unknown, env = "dev", namespace?: string): PolicyResource => ({
    type,
    name,
    inputs: { metadata: { name, ...(namespace ? { namespace } : {}), labels: labels(name, env) }, spec },
});

const gateway = (env: string) =>
    object(GATEWAY, "platform", gatewaySpec({ gatewayClassName: "platform", domain: "example.com", tlsSecretName: "tls" }), env, "gateway");
const ref = { name: "platform", namespace: "gateway" };
const route = (env: string, sectionName?: string) => {
    const spec = httpRouteSpec({
        listener: listenerRef(ref, sectionName ?? "https"),
        host: "web.example.com",
        paths: ["/"],
        serviceName: "web",
        servicePort: 80,
    }) as any;
    if (sectionName === undefined) {
        delete spec.parentRefs[0].sectionName;
    }
    return object(HTTP_ROUTE, "web", spec, env, "apps");
};

describe("policy: traffic", () => {
    it("no load balancer in dev: an EnvoyProxy whose Service is a LoadBalancer, or leaves the type unset (LoadBalancer is Envoy Gateway's default)", () => {
        const nodePort = object(ENVOY_PROXY, "proxy", envoyProxySpec({ type: "nodePort", http: 31080, https: 31443 }));
        assert.deepEqual(noLoadBalancerInDev.check(nodePort), []);
        const nlb = object(ENVOY_PROXY, "proxy", envoyProxySpec({ type: "networkLoadBalancer" }));
        assert.match(noLoadBalancerInDev.check(nlb)[0], /^spec\.provider\.kubernetes\.envoyService\.type is LoadBalancer; in dev/);
        const unset = object(ENVOY_PROXY, "proxy", { provider: { type: "Kubernetes" } });
        assert.match(noLoadBalancerInDev.check(unset)[0], /is unset, which Envoy Gateway makes a LoadBalancer/);
        assert.deepEqual(
            noLoadBalancerInDev.check(object(ENVOY_PROXY, "proxy", envoyProxySpec({ type: "networkLoadBalancer" }), "prod")),
            [],
            "prod may have its NLB",
        );
    });

    it("no load balancer in dev: an Envoy Gateway GatewayClass without an EnvoyProxy gets the default LoadBalancer Service", () => {
        assert.deepEqual(noLoadBalancerInDev.check(object(GATEWAY_CLASS, "platform", gatewayClassSpec({ name: "proxy", namespace: "gateway" }))), []);
        const bare = object(GATEWAY_CLASS, "platform", { controllerName: "gateway.envoyproxy.io/gatewayclass-controller" });
        assert.match(noLoadBalancerInDev.check(bare)[0], /^spec\.parametersRef is unset/);
        assert.deepEqual(
            noLoadBalancerInDev.check(object(GATEWAY_CLASS, "other", { controllerName: "example.com/other" })),
            [],
            "another controller's class is not Envoy Gateway's",
        );
    });

    it("prod routes: HTTPS listeners pass, the plain-HTTP listener and a missing sectionName fail", () => {
        assert.deepEqual(httpsOnlyRoutes.checkStack([gateway("prod"), route("prod", "https")]), []);
        const onHttp = httpsOnlyRoutes.checkStack([gateway("prod"), route("prod", "http")]);
        assert.deepEqual(
            onHttp.map((v) => v.message),
            ["spec.parentRefs[0]: listener 'http' is HTTP, not HTTPS; in prod (env=prod) apps are served over HTTPS only"],
        );
        const whole = httpsOnlyRoutes.checkStack([gateway("prod"), route("prod")]);
        assert.match(whole[0].message, /names no sectionName, so it attaches to every listener, plain HTTP too/);
        const unknown = httpsOnlyRoutes.checkStack([gateway("prod"), route("prod", "grpc")]);
        assert.match(unknown[0].message, /listener 'grpc' is not a listener of the Gateway/);
    });

    it("prod routes: a redirect to https may sit on the HTTP listener; dev is not concerned; an undeclared Gateway is reported", () => {
        const redirect = object(HTTP_ROUTE, "redirect", redirectRouteSpec(listenerRef(ref, "http")), "prod", "gateway");
        assert.deepEqual(httpsOnlyRoutes.checkStack([gateway("prod"), redirect]), []);
        assert.deepEqual(httpsOnlyRoutes.checkStack([gateway("dev"), route("dev", "http")]), []);
        assert.match(httpsOnlyRoutes.checkStack([route("prod", "https")])[0].message, /Gateway gateway\/platform is not declared by the stack/);
    });
});
