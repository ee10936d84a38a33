// The traffic add-ons on both default stacks: routes, the Gateway, certificates and issuers,
// the IAM roles, chart values, the CRD schemas of every object written, and the order of
// creation and deletion on the dependency graph. Each case cites the upstream behaviour it
// relies on.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { load } from "js-yaml";

import { AWS_LOAD_BALANCER_CONTROLLER_CHART } from "../components/addons/awsLoadBalancerController/charts";
import { loadBalancerControllerPolicy } from "../components/addons/awsLoadBalancerController/iamPolicy";
import { GATEWAY_API_VERSION, GATEWAY_CRDS_CHART, GATEWAY_HELM_CHART } from "../components/addons/gateway/charts";
import { isSecretMarker } from "../offline/secretValues";
import { loadModel } from "../offline/validation/loadModel";
import { schemaProblems } from "./harness/crdSchema";
import { evaluateStackFile, PROJECT_ROOT, Resources } from "./harness/evaluateStack";
import { crdSchema, iamFacts, REFERENCE_DIR } from "./harness/reference";
import { T } from "./harness/resourceTypes";
import { boundByPodIdentity, roleBinding } from "./harness/workloadIdentity";

/** The CRD file and version of each kind the add-ons write, from test/fixtures/reference/crds. */
const SCHEMAS: Record<string, [string, string]> = {
    [T.route]: ["gateway.networking.k8s.io_httproutes", "v1"],
    [T.gateway]: ["gateway.networking.k8s.io_gateways", "v1"],
    [T.gatewayClass]: ["gateway.networking.k8s.io_gatewayclasses", "v1"],
    [T.envoyProxy]: ["gateway.envoyproxy.io_envoyproxies", "v1alpha1"],
    [T.issuer]: ["cert-manager.io_clusterissuers", "v1"],
    [T.certificate]: ["cert-manager.io_certificates", "v1"],
};

const key = (type: string, name: string) => `${type}::${name}`;
/** Destroy deletes a resource before everything it depends on: so `first` goes before `then` exactly when `first` depends on `then`. */
const deletedBefore = (resources: Resources, first: string, then: string) => resources.dependenciesOf(first).has(then);

/** Runs a drain script with a kubectl that lists the proxy Service `present` times, and a sleep that returns at once. */
function runDrain(script: string, present: number): { status: number | null; calls: string[] } {
    const bin = mkdtempSync(join(tmpdir(), "drain-"));
    const log = join(bin, "calls");
    writeFileSync(
        join(bin, "kubectl"),
        `#!/bin/sh\necho "$*" >> ${log}\n[ "$(wc -l < ${log} | tr -d " ")" -le ${present === Infinity ? 1_000_000 : present} ] && echo service/envoy-proxy\nexit 0\n`,
        { mode: 0o755 },
    );
    writeFileSync(join(bin, "sleep"), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
    const result = spawnSync("sh", ["-c", script], { input: "kubeconfig", env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, encoding: "utf8" });
    const calls = existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : [];
    rmSync(bin, { recursive: true, force: true });
    return { status: result.status, calls };
}

describe("traffic in: the Gateway, routes, certificates, DNS", () => {
    let dev: Resources;
    let prod: Resources;
    before(async () => {
        dev = await evaluateStackFile("dev", { "platform:externalIntegrationKey": "k" });
        prod = await evaluateStackFile("prod");
    });

    it("validates every Gateway API, Envoy Gateway and cert-manager object against its upstream CRD schema, and knows a model for each kind", async () => {
        for (const resources of [dev, prod]) {
            for (const [type, [file, version]] of Object.entries(SCHEMAS)) {
                const objects = resources.ofType(type);
                assert.ok(objects.length > 0, type);
                const [, apiVersion, kind] = type.split(":");
                assert.ok(await loadModel(apiVersion, kind), `no model for ${type}: the plan would report it as unknown`);
                for (const object of objects) {
                    // The type token, not the inputs, carries apiVersion and kind (as in the plan's manifests).
                    assert.deepEqual(schemaProblems({ ...object.inputs, apiVersion, kind }, crdSchema(file, version)), [], `${type}::${object.name}`);
                }
            }
        }
    });

    describe("routes", () => {
        it("gives each web app an HTTPRoute at <app>.<domain> on the HTTPS listener, to its Service port", () => {
            for (const [resources, domain] of [
                [dev, "localhost"],
                [prod, "apps.example.com"],
            ] as const) {
                for (const [app, namespace] of [
                    ["backend-api", "backend-namespace"],
                    ["data-api", "data-namespace"],
                ]) {
                    const route = resources.get(T.route, `${app}-route`).inputs as any;
                    assert.equal(route.metadata.namespace, namespace, "beside the app's Service, in its team's namespace");
                    assert.deepEqual(route.spec, {
                        parentRefs: [
                            { group: "gateway.networking.k8s.io", kind: "Gateway", name: "platform", namespace: "envoy-gateway-system", sectionName: "https" },
                        ],
                        hostnames: [`${app}.${domain}`],
                        rules: [
                            { matches: [{ path: { type: "PathPrefix", value: "/" } }], backendRefs: [{ group: "", kind: "Service", name: app, port: 80 }] },
                        ],
                    });
                }
            }
        });

        it("outputs each app's https URL", () => {
            assert.deepEqual(prod.outputs.appUrls, {
                "backend-api": "https://backend-api.apps.example.com/",
                "data-api": "https://data-api.apps.example.com/",
            });
            assert.deepEqual(dev.outputs.appUrls, { "backend-api": "https://backend-api.localhost/", "data-api": "https://data-api.localhost/" });
        });

        it("admits routes of the app namespaces only, which the platform labels; plain HTTP serves the Gateway's own namespace (redirect, ACME)", () => {
            const listeners = (dev.get(T.gateway, "gateway-gateway").inputs as any).spec.listeners;
            assert.deepEqual(listeners[0], { name: "http", protocol: "HTTP", port: 80, allowedRoutes: { namespaces: { from: "Same" } } });
            assert.deepEqual(listeners[1].allowedRoutes.namespaces, {
                from: "Selector",
                selector: { matchLabels: { "platform.k8s-app-platform.io/apps": "true" } },
            });
            assert.equal(listeners[1].hostname, "*.localhost");
            // The HTTPS listener serves the Secret the Gateway's Certificate writes, from the Gateway's namespace.
            const gateway = dev.get(T.gateway, "gateway-gateway").inputs as any;
            const certificate = dev.get(T.certificate, "cert-manager-gateway-certificate").inputs as any;
            assert.deepEqual(listeners[1].tls, { mode: "Terminate", certificateRefs: [{ group: "", kind: "Secret", name: certificate.spec.secretName }] });
            assert.equal(certificate.metadata.namespace, gateway.metadata.namespace);
            for (const name of ["backend-namespace", "data-namespace", "helloworld"]) {
                const apps = dev.get("kubernetes:core/v1:Namespace", name).inputs as any;
                assert.equal(apps.metadata.labels["platform.k8s-app-platform.io/apps"], "true", name);
            }
            const gatewayNamespace = dev.get("kubernetes:core/v1:Namespace", "envoy-gateway-system").inputs as any;
            assert.equal(gatewayNamespace.metadata.labels["platform.k8s-app-platform.io/apps"], undefined);
        });

        it("redirects plain HTTP to https (301), naming kind's host port only when it is not 443", () => {
            const redirect = (dev.get(T.route, "gateway-https-redirect").inputs as any).spec;
            assert.deepEqual(redirect.rules, [{ filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } }] }]);
            assert.equal(redirect.parentRefs[0].sectionName, "http");
        });
    });

    describe("the proxy Service", () => {
        it("is a NodePort on fixed ports on kind, with traffic policy Cluster (kind maps ports to the control-plane node)", () => {
            const spec = (dev.get(T.envoyProxy, "gateway-envoy-proxy").inputs as any).spec;
            const envoyService = spec.provider.kubernetes.envoyService;
            assert.equal(envoyService.type, "NodePort");
            assert.equal(envoyService.externalTrafficPolicy, "Cluster");
            // The node ports are the container ports kind maps host ports 80 and 443 to (the kind config the cluster is created from).
            const kindConfig = load((dev.get("command:local:Command", "kind-cluster").inputs as any).stdin) as any;
            const hostPortOf = new Map(kindConfig.nodes[0].extraPortMappings.map((mapping: any) => [mapping.containerPort, mapping.hostPort]));
            const ports = envoyService.patch.value.spec.ports as { port: number; nodePort: number }[];
            assert.deepEqual(
                ports.map((port) => [port.port, hostPortOf.get(port.nodePort)]),
                [
                    [80, 80],
                    [443, 443],
                ],
            );
            // The GatewayClass points Envoy Gateway at this EnvoyProxy.
            const proxy = dev.get(T.envoyProxy, "gateway-envoy-proxy").inputs as any;
            const gatewayClass = (dev.get(T.gatewayClass, "gateway-gateway-class").inputs as any).spec;
            assert.deepEqual(gatewayClass.parametersRef, {
                group: "gateway.envoyproxy.io",
                kind: "EnvoyProxy",
                name: proxy.metadata.name,
                namespace: proxy.metadata.namespace,
            });
            assert.equal(proxy.apiVersion, `${gatewayClass.parametersRef.group}/v1alpha1`);
        });

        it("is an internet-facing NLB with IP targets on EKS, of the Load Balancer Controller's class", () => {
            const service = (prod.get(T.envoyProxy, "gateway-envoy-proxy").inputs as any).spec.provider.kubernetes.envoyService;
            assert.equal(service.type, "LoadBalancer");
            assert.equal(service.loadBalancerClass, "service.k8s.aws/nlb");
            assert.deepEqual(service.annotations, {
                "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing",
                "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type": "ip",
            });
        });

        it("tags the public subnets for internet-facing and the private ones for internal load balancers and Karpenter, in awsx's default layout", () => {
            // AutoMerge merges type-and-tags specs into the default layout (awsx subnetDistributorNew.ts:208-243
            // mergeWithDefaultSubnetSpecs): no cidrMask, so the subnets keep their CIDR blocks.
            const vpc = prod.get(T.vpc, "vpc").inputs as any;
            assert.equal(vpc.subnetStrategy, "AutoMerge");
            assert.deepEqual(vpc.subnetSpecs, [
                { type: "Private", tags: { "kubernetes.io/role/internal-elb": "1", "karpenter.sh/discovery": "platform-prod" } },
                { type: "Public", tags: { "kubernetes.io/role/elb": "1" } },
            ]);
            assert.ok(vpc.subnetSpecs.every((spec: Record<string, unknown>) => spec.cidrMask === undefined && spec.cidrBlocks === undefined));
        });
    });

    describe("NetworkPolicies", () => {
        it("admit the Envoy proxy pods on each routed app's container port, and add nothing else", () => {
            for (const resources of [dev, prod]) {
                const ingress = (resources.get("kubernetes:networking.k8s.io/v1:NetworkPolicy", "backend-api").inputs as any).spec.ingress;
                const proxy = ingress[0].from.find(
                    (peer: any) => peer.namespaceSelector?.matchLabels["kubernetes.io/metadata.name"] === "envoy-gateway-system",
                );
                assert.deepEqual(proxy.podSelector.matchLabels, {
                    "app.kubernetes.io/name": "envoy",
                    "app.kubernetes.io/component": "proxy",
                    "gateway.envoyproxy.io/owning-gateway-name": "platform",
                    "gateway.envoyproxy.io/owning-gateway-namespace": "envoy-gateway-system",
                });
                assert.deepEqual(ingress[0].ports, [{ port: resources === dev ? 9898 : 5000, protocol: "TCP" }]);
            }
        });
    });

    describe("certificates", () => {
        it("on kind, signs the Gateway's certificate with a root CA the stack makes; the root is an output, its key a secret", () => {
            const issuer = dev.get(T.issuer, "cert-manager-issuer").inputs as any;
            const secret = dev.get("kubernetes:core/v1:Secret", "cert-manager-root-ca-secret").inputs as any;
            // A ClusterIssuer reads its CA Secret from cert-manager's cluster resource namespace, the release's namespace by default.
            assert.deepEqual(issuer.spec, { ca: { secretName: secret.metadata.name } });
            assert.equal(secret.type, "kubernetes.io/tls");
            assert.equal(secret.metadata.namespace, (dev.get(T.release, "cert-manager-release").inputs as any).namespace);
            assert.ok(isSecretMarker(secret.stringData), "the root's key is a Pulumi secret");
            const root = dev.get("tls:index/selfSignedCert:SelfSignedCert", "cert-manager-root-ca-certificate").inputs as any;
            assert.equal(root.isCaCertificate, true);
            assert.ok(pulumi.Output.isInstance(dev.outputs.caCertificate), "the root certificate is the output caCertificate");
            assert.equal(prod.outputs.caCertificate, undefined);
        });

        it("covers every routed app's host and the extra (GitOps) hosts, by name, in the Gateway's namespace", () => {
            for (const [resources, domain, issuer] of [
                [dev, "localhost", "platform-ca"],
                [prod, "apps.example.com", "letsencrypt-staging"],
            ] as const) {
                const certificate = resources.get(T.certificate, "cert-manager-gateway-certificate").inputs as any;
                assert.equal(certificate.metadata.namespace, "envoy-gateway-system");
                assert.deepEqual(certificate.spec.dnsNames, [`backend-api.${domain}`, `data-api.${domain}`, `helloworld.${domain}`]);
                const gateway = resources.get(T.gateway, "gateway-gateway").inputs as any;
                assert.deepEqual(gateway.spec.listeners.find((listener: any) => listener.tls).tls.certificateRefs[0].name, certificate.spec.secretName);
                assert.deepEqual(certificate.spec.issuerRef, { group: "cert-manager.io", kind: "ClusterIssuer", name: issuer });
            }
        });

        it("on EKS, asks Let's Encrypt staging, answering HTTP-01 through the Gateway's HTTP listener with ClusterIP solver Services", () => {
            const acme = (prod.get(T.issuer, "cert-manager-issuer").inputs as any).spec.acme;
            assert.equal(acme.server, "https://acme-staging-v02.api.letsencrypt.org/directory");
            assert.equal(acme.email, "platform-team@example.com");
            assert.deepEqual(acme.solvers, [
                {
                    http01: {
                        gatewayHTTPRoute: {
                            parentRefs: [
                                {
                                    group: "gateway.networking.k8s.io",
                                    kind: "Gateway",
                                    name: "platform",
                                    namespace: "envoy-gateway-system",
                                    sectionName: "http",
                                },
                            ],
                            serviceType: "ClusterIP",
                        },
                    },
                },
            ]);
        });

        it("names the staging and production issuers apart, so switching the server reissues the Gateway's certificate at once", async () => {
            // cert-manager v1.21.1 reissues when the Certificate's issuerRef differs from the issuer
            // annotations on its Secret (internal/controller/certificates/policies/policies.go:71-83,
            // checks.go:161-172); a changed ACME server under the same issuer name triggers nothing.
            const production = await evaluateStackFile("prod", {
                "platform:certManager": JSON.stringify({ enabled: true, issuer: "acme", acme: { email: "platform-team@example.com", server: "production" } }),
            });
            const issuerOf = (resources: Resources) => resources.get(T.issuer, "cert-manager-issuer").inputs as any;
            const issuerRefOf = (resources: Resources) => (resources.get(T.certificate, "cert-manager-gateway-certificate").inputs as any).spec.issuerRef;
            assert.equal(issuerOf(production).spec.acme.server, "https://acme-v02.api.letsencrypt.org/directory");
            assert.notEqual(issuerOf(production).metadata.name, issuerOf(prod).metadata.name);
            assert.notEqual(issuerRefOf(production).name, issuerRefOf(prod).name, "the Certificate's issuerRef changes with the server");
            for (const resources of [prod, production]) {
                assert.equal(issuerRefOf(resources).name, issuerOf(resources).metadata.name);
            }
            // An ACME account belongs to one directory: each issuer registers with its own key.
            assert.notEqual(issuerOf(production).spec.acme.privateKeySecretRef.name, issuerOf(prod).spec.acme.privateKeySecretRef.name);
        });

        it("installs cert-manager's CRDs with the chart and turns Gateway API support on", () => {
            const values = (dev.get(T.release, "cert-manager-release").inputs as any).values;
            assert.deepEqual(values, { crds: { enabled: true, keep: true }, config: { gatewayAPI: { enabled: true } } });
        });
    });

    describe("IAM roles", () => {
        const inline = (name: string) => JSON.parse(String((prod.get(T.rolePolicy, `${name}-inline-policy`).inputs as any).policy));

        it("the Load Balancer Controller's role trusts kube-system:aws-load-balancer-controller of this cluster, bound to it, with the upstream policy", () => {
            const account = "kube-system:aws-load-balancer-controller";
            assert.deepEqual(roleBinding(prod, "aws-load-balancer-controller"), boundByPodIdentity(account));
            // kubernetes-sigs/aws-load-balancer-controller@v3.5.0 docs/install/iam_policy.json; chart 3.5.0's appVersion is v3.5.0 (Chart.yaml:4-5).
            const upstream = iamFacts("aws-load-balancer-controller-policy.json");
            assert.equal(upstream.source.tag, `v${AWS_LOAD_BALANCER_CONTROLLER_CHART.version}`);
            assert.deepEqual(inline("aws-load-balancer-controller"), upstream.policy);
            assert.ok(loadBalancerControllerPolicy().length <= 10240, "IAM's limit for a role's inline policies");
        });

        it("ExternalDNS's role trusts external-dns:external-dns, and may change records of the configured zone only", () => {
            const account = "external-dns:external-dns";
            assert.deepEqual(roleBinding(prod, "external-dns"), boundByPodIdentity(account));
            const statements = inline("external-dns").Statement;
            assert.deepEqual(statements[0].Resource, ["arn:aws:route53:::hostedzone/Z0000000000000EXAMPLE"]);
            assert.deepEqual(statements[0].Action, ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets", "route53:ListTagsForResources"]);
            assert.deepEqual(statements[1], { Effect: "Allow", Action: ["route53:ListHostedZones"], Resource: ["*"] });
        });

        // That the rendered service accounts and pods are the ones bound is checked in chartRender.test.ts.
    });

    describe("chart values", () => {
        it("tells the Load Balancer Controller its cluster, region and VPC (its pods cannot reach IMDS), with the service mutator webhook off", () => {
            const values = (prod.get(T.release, "aws-load-balancer-controller-release").inputs as any).values;
            assert.equal(values.clusterName, "platform-prod");
            assert.equal(values.region, "us-east-1");
            assert.equal(values.vpcId, "vpc-0123456789abcdef0");
            // templates/webhook.yaml:104 renders mservice.elbv2.k8s.aws only `if .Values.enableServiceMutatorWebhook`:
            // off, no Service CREATE in the cluster waits for (or fails without) the controller.
            assert.equal(values.enableServiceMutatorWebhook, false);
            assert.equal((prod.get(T.release, "aws-load-balancer-controller-release").inputs as any).namespace, "kube-system");
        });

        it("runs ExternalDNS on HTTPRoutes only, in the domain and zone, owning its records by the cluster name, deleting what it no longer serves", () => {
            const values = (prod.get(T.release, "external-dns-release").inputs as any).values;
            assert.deepEqual(values.sources, ["gateway-httproute"]);
            assert.deepEqual(values.domainFilters, ["apps.example.com"]);
            assert.equal(values.txtOwnerId, "platform-prod");
            assert.equal(values.policy, "sync");
            assert.deepEqual(values.extraArgs, { "aws-zone-type": "public", "zone-id-filter": ["Z0000000000000EXAMPLE"] });
            assert.deepEqual(values.env, [{ name: "AWS_DEFAULT_REGION", value: "us-east-1" }]);
        });

        // No file is fetched from a release URL at `up`: both CRD sets come from gateway-crds-helm, pulled by
        // version from the registry of gateway-helm, at gateway-helm's version.
        it("installs Envoy Gateway without its experimental CRD bundle, and the standard-channel and Envoy Gateway CRDs from the pinned gateway-crds-helm chart", () => {
            const controller = dev.get(T.release, "gateway-envoy-gateway").inputs as any;
            assert.deepEqual(controller.values.crds, { enabled: false });
            assert.equal(controller.chart, "oci://docker.io/envoyproxy/gateway-helm");
            const gatewayApi = dev.get(T.crdChart, "gateway-gateway-api-crds").inputs as any;
            const envoyGateway = dev.get(T.crdChart, "gateway-envoy-gateway-crds").inputs as any;
            for (const crds of [gatewayApi, envoyGateway]) {
                assert.deepEqual([crds.chart, crds.version, crds.file], ["oci://docker.io/envoyproxy/gateway-crds-helm", controller.version, undefined]);
            }
            // values.yaml defaults: both sets off, gatewayAPI.channel experimental.
            assert.deepEqual(gatewayApi.values.crds, { gatewayAPI: { enabled: true, channel: "standard" }, envoyGateway: { enabled: false } });
            assert.deepEqual(envoyGateway.values.crds.envoyGateway, { enabled: true });
            assert.equal(envoyGateway.values.crds.gatewayAPI.enabled, false);
        });

        // gateway-crds-helm v1.9.0 templates/standard-gatewayapi-crds.yaml:1 renders with gatewayAPI.enabled and channel
        // standard; its objects carry bundle-version v1.6.1 (:28) and match gateway-api v1.6.1's standard-install.yaml.
        it("pins a CRD chart whose unpacked copy is the controller's version and carries the standard channel of the Gateway API release", function () {
            const dir = join(REFERENCE_DIR, "charts", "gateway-crds-helm");
            if (!existsSync(dir)) {
                this.skip();
            }
            const chart = load(readFileSync(join(dir, "Chart.yaml"), "utf8")) as any;
            assert.equal(chart.version, GATEWAY_CRDS_CHART.version);
            assert.equal(GATEWAY_CRDS_CHART.version, GATEWAY_HELM_CHART.version);
            const standard = readFileSync(join(dir, "templates", "standard-gatewayapi-crds.yaml"), "utf8");
            assert.match(standard.split("\n")[0], /\.Values\.crds\.gatewayAPI\.enabled.*eq \.Values\.crds\.gatewayAPI\.channel "standard"/);
            const versions = new Set([...standard.matchAll(/bundle-version: (\S+)/g)].map((match) => match[1]));
            assert.deepEqual([...versions], [GATEWAY_API_VERSION]);
        });
    });

    describe("order, both ways", () => {
        const route = key(T.route, "backend-api-route");
        const gateway = key(T.gateway, "gateway-gateway");
        const lbc = key(T.release, "aws-load-balancer-controller-release");
        const drain = key(T.command, "gateway-proxy-service-drain");

        it("creates routes after the Gateway API CRDs and the Gateway, and destroys them first", () => {
            for (const resources of [dev, prod]) {
                assert.ok(deletedBefore(resources, route, key(T.crdChart, "gateway-gateway-api-crds")));
                assert.ok(deletedBefore(resources, route, gateway));
                assert.ok(deletedBefore(resources, key(T.gateway, "gateway-gateway"), key(T.gatewayClass, "gateway-gateway-class")));
                // The class goes while the controller runs, which removes its gateway-exists finalizer.
                assert.ok(deletedBefore(resources, key(T.gatewayClass, "gateway-gateway-class"), key(T.release, "gateway-envoy-gateway")));
                assert.ok(deletedBefore(resources, key(T.envoyProxy, "gateway-envoy-proxy"), key(T.crdChart, "gateway-envoy-gateway-crds")));
            }
        });

        it("starts cert-manager after the Gateway API CRDs, and its objects after it", () => {
            for (const resources of [dev, prod]) {
                assert.ok(deletedBefore(resources, key(T.release, "cert-manager-release"), key(T.crdChart, "gateway-gateway-api-crds")));
                assert.ok(deletedBefore(resources, key(T.certificate, "cert-manager-gateway-certificate"), key(T.issuer, "cert-manager-issuer")));
                assert.ok(deletedBefore(resources, key(T.issuer, "cert-manager-issuer"), key(T.release, "cert-manager-release")));
            }
        });

        it("on EKS creates the Gateway after the Load Balancer Controller, and on destroy waits for the proxy Service (and its NLB) to go before the controller", () => {
            assert.ok(deletedBefore(prod, gateway, drain), "the Gateway goes first, then the drain waits");
            assert.ok(deletedBefore(prod, drain, lbc), "the controller goes after the drain");
            for (const proxySide of [key(T.envoyProxy, "gateway-envoy-proxy"), key(T.gatewayClass, "gateway-gateway-class"), gateway]) {
                assert.ok(deletedBefore(prod, proxySide, lbc), proxySide);
            }
            const script = (prod.get(T.command, "gateway-proxy-service-drain").inputs as any).delete;
            // Run against a stand-in kubectl: it waits while the planned Gateway's proxy Service is listed, and fails when it never goes.
            const planned = (prod.get(T.gateway, "gateway-gateway").inputs as any).metadata;
            const waits = runDrain(script, 3);
            assert.equal(waits.status, 0);
            assert.equal(waits.calls.length, 4, "it asks until the Service is gone");
            assert.match(
                waits.calls[0],
                new RegExp(
                    `-n ${planned.namespace} get services -l gateway\\.envoyproxy\\.io/owning-gateway-name=${planned.name},gateway\\.envoyproxy\\.io/owning-gateway-namespace=${planned.namespace} -o name`,
                ),
            );
            assert.equal(runDrain(script, Infinity).status, 1, "a Service that stays fails the destroy");
            assert.equal(dev.find(T.command, "gateway-proxy-service-drain"), undefined, "kind has no load balancer to wait for");
        });

        // external-dns v0.21.0 source/gateway.go:217-219: the gateway source fails unless the Gateway API
        // informers sync (60 s, source/informers/informers.go:52-66), i.e. unless the CRDs exist.
        it("on EKS starts ExternalDNS after the Gateway API CRDs, and removes it before them", () => {
            assert.ok(deletedBefore(prod, key(T.release, "external-dns-release"), key(T.crdChart, "gateway-gateway-api-crds")));
        });

        it("on EKS removes ExternalDNS only after the routes, so it deletes their records", () => {
            assert.ok(deletedBefore(prod, route, key(T.release, "external-dns-release")));
            assert.ok(deletedBefore(prod, key(T.route, "data-api-route"), key(T.release, "external-dns-release")));
        });
    });

    it("routes the GitOps helloworld at hosts the stacks' certificates cover", () => {
        for (const [overlay, stack] of [
            ["test", "dev"],
            ["prod", "prod"],
        ]) {
            const patch = load(readFileSync(join(PROJECT_ROOT, `gitops/apps/${overlay}/httproute-patch.yaml`), "utf8")) as any[];
            const gateway = (load(readFileSync(join(PROJECT_ROOT, `Pulumi.${stack}.yaml`), "utf8")) as any).config["platform:gateway"];
            assert.deepEqual(patch[0].value, gateway.extraHosts, `${overlay} overlay vs Pulumi.${stack}.yaml gateway.extraHosts`);
        }
    });
});
