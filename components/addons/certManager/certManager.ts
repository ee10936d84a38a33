// cert-manager, the ClusterIssuer the platform's certificates come from, and the shared
// Gateway's certificate. Order: the release after the Gateway API CRDs (its controller
// checks for them when it starts) and its namespace; the issuer and the certificate after
// the release, which installs their CRDs. Destroy: the certificate, the issuer, the release;
// the CRDs stay (crds.keep), and with them nothing else of the platform's.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import { workloadLabels } from "../../workloads/labels";
import type { GatewayCapability } from "../capabilityTypes";
import { requiredWhileActive } from "../contract";
import { helmAddonRelease, type HelmAddonPlacement } from "../helmAddon";
import { CERT_MANAGER_CHART } from "./charts";
import { ACME_SERVERS, CertManagerConfig } from "./config";
import { acmeIssuerName, acmeIssuerSpec, caIssuerSpec, gatewayCertificateSpec } from "./issuers";
import { certManagerValues } from "./values";

/** Placed without the monitoring CRDs: the chart's ServiceMonitor is not switched on. */
export interface CertManagerArgs extends Omit<HelmAddonPlacement, "prometheusOperatorCrds"> {
    /** The `certManager` config section, defaults applied: `acme.server` (`staging` by default in the stack config) and `acme.email` for the acme issuer. */
    readonly config: CertManagerConfig;
    /** What signs the platform's certificates: `ca`, a root the stack generates (kind), or `acme`, Let's Encrypt over HTTP-01 (needs `gateway`). */
    readonly issuer: "ca" | "acme";
    /** The stack's environment (`platform:environment`): the `env` label of the issuer and certificate, and the root CA's name. */
    readonly environment: string;
    /** The shared Gateway, when the stack has one: its certificate, and the listener ACME challenges come through. Required with `issuer: acme`. */
    readonly gateway?: GatewayCapability;
    /** What installs the Gateway API CRDs, when the stack has them: the release waits for it (the controller looks for them at start). */
    readonly gatewayApiCrds?: pulumi.Resource;
}

export const CA_ISSUER = "platform-ca";
export const CA_SECRET = "platform-root-ca";

export class CertManager extends pulumi.ComponentResource {
    public readonly release: k8s.helm.v3.Release;
    public readonly issuer: k8s.apiextensions.CustomResource;
    public readonly issuerName: string;
    /** kind's root certificate (PEM), to trust on the workstation. */
    public readonly caCertificate?: pulumi.Output<string>;

    constructor(name: string, args: CertManagerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:certManager:CertManager", name, {}, opts);
        const { namespace, provider } = args;
        const childOpts: pulumi.CustomResourceOptions = { parent: this, provider };
        const labels = workloadLabels("cert-manager", args.environment, "certificates");

        this.release = helmAddonRelease(
            `${name}-release`,
            // A fixed release name: the chart's ServiceAccounts are named after it (templates/_helpers.tpl:13-33).
            {
                chart: CERT_MANAGER_CHART,
                releaseName: "cert-manager",
                values: () => certManagerValues(),
                timeoutSeconds: 600,
                after: args.gatewayApiCrds ? [args.gatewayApiCrds] : [],
            },
            args,
            { parent: this },
        );

        let spec: Record<string, unknown>;
        const issuerDependsOn: pulumi.Resource[] = [this.release];
        if (args.issuer === "ca") {
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: only the ca issuer needs the tls provider
            const { LocalCa } = require("./localCa") as typeof import("./localCa");
            const ca = new LocalCa(
                `${name}-root-ca`,
                {
                    commonName: `k8s-app-platform ${args.environment} root CA`,
                    namespace: namespace.name,
                    secretName: CA_SECRET,
                    labels,
                    provider,
                    dependsOn: [namespace.resource],
                },
                { parent: this },
            );
            this.caCertificate = ca.certificate;
            this.issuerName = CA_ISSUER;
            spec = caIssuerSpec(ca.secret.metadata.name);
            issuerDependsOn.push(ca.secret);
        } else {
            if (!args.gateway) {
                throw new Error("the acme issuer validates through the shared Gateway (HTTP-01): turn the gateway add-on on (gateway.enabled)");
            }
            const server = args.config.acme.server;
            this.issuerName = acmeIssuerName(server);
            spec = acmeIssuerSpec({
                server: ACME_SERVERS[server],
                email: requiredWhileActive(args.config.acme.email, "certManager.acme.email"),
                accountKeySecret: `${this.issuerName}-account-key`,
                http01Listener: args.gateway.http,
            });
        }
        this.issuer = new k8s.apiextensions.CustomResource(
            `${name}-issuer`,
            { apiVersion: "cert-manager.io/v1", kind: "ClusterIssuer", metadata: { name: this.issuerName, labels }, spec },
            { ...childOpts, dependsOn: issuerDependsOn },
        );

        const tls = args.gateway?.tls;
        if (tls && tls.hosts.length > 0) {
            new k8s.apiextensions.CustomResource(
                `${name}-gateway-certificate`,
                {
                    apiVersion: "cert-manager.io/v1",
                    kind: "Certificate",
                    metadata: { name: tls.secretName, namespace: tls.namespace, labels },
                    spec: gatewayCertificateSpec({ secretName: tls.secretName, hosts: tls.hosts, issuerName: this.issuerName }),
                },
                // ACME challenges need the Gateway's HTTP listener; its objects are created after the CRDs and the Gateway.
                { ...childOpts, dependsOn: [this.issuer, ...(args.gateway ? args.gateway.routeDependsOn : [])] },
            );
        }
        this.registerOutputs({ issuer: this.issuerName });
    }
}
