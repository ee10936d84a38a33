// The shared Gateway and what it runs on: the Gateway API (standard) and Envoy Gateway
// CRDs, the Envoy Gateway controller, the EnvoyProxy that says how the proxy is exposed,
// the GatewayClass, the Gateway and its HTTP-to-HTTPS redirect.
//
// Order, both ways. Up: CRDs, then the controller, then EnvoyProxy, GatewayClass, Gateway
// and the redirect route; on EKS all of the proxy side after the AWS Load Balancer Controller
// (the proxy Service's NLB needs it). Destroy runs it backwards: routes (the apps' first,
// they depend on the Gateway), the Gateway, then the drain waits for the proxy Service to go
// (drain.ts) while the Load Balancer Controller still runs, then the GatewayClass while the
// Envoy Gateway controller still runs (it removes the class's finalizer
// gateway-exists-finalizer.gateway.networking.k8s.io once no Gateway uses it: v1.9.0
// internal/provider/kubernetes/controller.go:581-601), the EnvoyProxy, the controller, and
// the CRDs last, once no object of theirs is left.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import type { ResourcesConfig } from "../../../stacks/schema/workloads";
import { chartReference } from "../../helmRelease";
import { workloadLabels } from "../../workloads/labels";
import type { GatewayListenerRef } from "../capabilityTypes";
import { helmAddonRelease } from "../helmAddon";
import { GATEWAY_CRDS_CHART, GATEWAY_HELM_CHART } from "./charts";
import { owningGatewayLabels, proxyServiceDrain } from "./drain";
import { gatewayClassSpec, gatewaySpec, HTTP_LISTENER, HTTPS_LISTENER, listenerRef, redirectRouteSpec } from "./gatewaySpec";
import { envoyProxySpec, ProxyExposure } from "./proxy";
import { CrdSet, envoyGatewayValues, gatewayCrdValues } from "./values";

export interface SharedGatewayArgs {
    /** The add-on's namespace: the controller, the Gateway and the proxy pods. */
    readonly namespace: { readonly name: string; readonly resource: k8s.core.v1.Namespace };
    /** The stack's environment (`platform:environment`): the `env` label of the Gateway's objects. */
    readonly environment: string;
    /** The stack's domain (`gateway.domain`, `localhost` by default on kind): apps are served at `<name>.<domain>`. */
    readonly domain: string;
    /** How the proxy Service is reached: node ports for http and https (kind), or an internet-facing NLB (EKS, needs `loadBalancerController`). */
    readonly exposure: ProxyExposure;
    /** The controller's and the proxy's resources; undefined keeps the chart's and Envoy Gateway's defaults. */
    readonly resources?: { readonly controller: ResourcesConfig; readonly proxy: ResourcesConfig };
    /** The https host port the redirect names, when it is not 443 (kind). */
    readonly redirectPort?: number;
    /** The AWS Load Balancer Controller's release, on EKS: the proxy side is created after it and deleted before it. */
    readonly loadBalancerController?: pulumi.Resource;
    /** A kubeconfig for the drain's kubectl, with the controller. */
    readonly kubeconfig?: pulumi.Input<string>;
    /** The cluster's Kubernetes provider. */
    readonly provider: k8s.Provider;
}

/** Names of the shared objects; the Gateway's appear in every app route's parentRef. */
export const GATEWAY_NAME = "platform";
export const GATEWAY_CLASS_NAME = "platform";
export const ENVOY_PROXY_NAME = "platform-proxy";
export const TLS_SECRET_NAME = "platform-gateway-tls";
export const RELEASE_NAME = "eg";

export class SharedGateway extends pulumi.ComponentResource {
    /** The Gateway API CRDs: every Gateway API object depends on them. */
    public readonly gatewayApiCrds: k8s.helm.v4.Chart;
    public readonly gateway: k8s.apiextensions.CustomResource;
    public readonly https: GatewayListenerRef;
    public readonly http: GatewayListenerRef;
    /** The Envoy proxy pods' labels (they run in the add-on's namespace). */
    public readonly proxyPodLabels: Record<string, string>;

    constructor(name: string, args: SharedGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:gateway:SharedGateway", name, {}, opts);
        const { namespace, provider } = args;
        const childOpts: pulumi.CustomResourceOptions = { parent: this, provider };
        const labels = workloadLabels("gateway", args.environment, "gateway");
        const lbc = args.loadBalancerController ? [args.loadBalancerController] : [];
        const gatewayRef = { name: GATEWAY_NAME, namespace: namespace.name };

        this.gatewayApiCrds = crdChart(`${name}-gateway-api-crds`, "gatewayAPI", { parent: this, provider });
        const envoyGatewayCrds = crdChart(`${name}-envoy-gateway-crds`, "envoyGateway", { parent: this, provider });

        // Its certgen hook job writes Secrets into the namespace before the controller starts (certgen.yaml:9).
        const controller = helmAddonRelease(
            `${name}-envoy-gateway`,
            {
                chart: GATEWAY_HELM_CHART,
                releaseName: RELEASE_NAME,
                values: () => envoyGatewayValues(args.resources?.controller),
                timeoutSeconds: 600,
                after: [this.gatewayApiCrds, envoyGatewayCrds],
            },
            { namespace, provider },
            { parent: this },
        );

        const envoyProxy = new k8s.apiextensions.CustomResource(
            `${name}-envoy-proxy`,
            {
                apiVersion: "gateway.envoyproxy.io/v1alpha1",
                kind: "EnvoyProxy",
                metadata: { name: ENVOY_PROXY_NAME, namespace: namespace.name, labels },
                spec: envoyProxySpec(args.exposure, args.resources?.proxy),
            },
            { ...childOpts, dependsOn: [envoyGatewayCrds, namespace.resource, ...lbc] },
        );

        const gatewayClass = new k8s.apiextensions.CustomResource(
            `${name}-gateway-class`,
            {
                apiVersion: "gateway.networking.k8s.io/v1",
                kind: "GatewayClass",
                metadata: { name: GATEWAY_CLASS_NAME, labels },
                spec: gatewayClassSpec({ name: ENVOY_PROXY_NAME, namespace: namespace.name }),
            },
            { ...childOpts, dependsOn: [this.gatewayApiCrds, controller, envoyProxy, ...lbc] },
        );

        const drain =
            args.loadBalancerController && args.kubeconfig
                ? [
                      proxyServiceDrain(
                          `${name}-proxy-service-drain`,
                          { gateway: gatewayRef, proxyNamespace: namespace.name, kubeconfig: args.kubeconfig },
                          { parent: this, dependsOn: [args.loadBalancerController, controller] },
                      ),
                  ]
                : [];

        this.gateway = new k8s.apiextensions.CustomResource(
            `${name}-gateway`,
            {
                apiVersion: "gateway.networking.k8s.io/v1",
                kind: "Gateway",
                metadata: { name: GATEWAY_NAME, namespace: namespace.name, labels },
                spec: gatewaySpec({ gatewayClassName: GATEWAY_CLASS_NAME, domain: args.domain, tlsSecretName: TLS_SECRET_NAME }),
            },
            { ...childOpts, dependsOn: [gatewayClass, ...drain, ...lbc] },
        );
        this.https = listenerRef(gatewayRef, HTTPS_LISTENER);
        this.http = listenerRef(gatewayRef, HTTP_LISTENER);
        this.proxyPodLabels = { "app.kubernetes.io/name": "envoy", "app.kubernetes.io/component": "proxy", ...owningGatewayLabels(gatewayRef) };

        new k8s.apiextensions.CustomResource(
            `${name}-https-redirect`,
            {
                apiVersion: "gateway.networking.k8s.io/v1",
                kind: "HTTPRoute",
                metadata: { name: "platform-https-redirect", namespace: namespace.name, labels },
                spec: redirectRouteSpec(this.http, args.redirectPort),
            },
            { ...childOpts, dependsOn: [this.gateway] },
        );

        this.registerOutputs({ gateway: this.gateway.metadata.name });
    }
}

/**
 * One CRD set of the pinned gateway-crds-helm chart. Its name and objects are those of the
 * ConfigFile that applied the set before: the alias carries the children along (the engine
 * aliases every child of an aliased parent, pulumi v3.259.0 pkg/resource/deploy/step_generator.go:621-653;
 * both components name children with their own name as prefix, pulumi-kubernetes v4.32.0
 * provider/pkg/provider/yaml/v2/configfile.go:95-98, helm/v4/chart.go:178-181), so the CRDs
 * are adopted, not replaced (replacing a CRD deletes every object of its kinds).
 */
function crdChart(name: string, set: CrdSet, opts: pulumi.CustomResourceOptions & { provider: k8s.Provider }): k8s.helm.v4.Chart {
    return new k8s.helm.v4.Chart(
        name,
        { chart: chartReference(GATEWAY_CRDS_CHART), version: GATEWAY_CRDS_CHART.version, values: gatewayCrdValues(set) },
        { ...opts, aliases: [{ type: "kubernetes:yaml/v2:ConfigFile" }] },
    );
}
