// The ClusterIssuers and the Gateway's Certificate (pure specs, cert-manager.io/v1).
import type * as pulumi from "@pulumi/pulumi";

import type { GatewayListenerRef } from "../capabilityTypes";

/** A CA issuer signing with the key pair in a kubernetes.io/tls Secret of the cluster resource namespace, the chart's own (cert-manager v1.21.1 deploy/charts/cert-manager/templates/deployment.yaml:100-103; pkg/controller/helper.go:26-32). */
export function caIssuerSpec(secretName: pulumi.Input<string>): Record<string, unknown> {
    return { ca: { secretName } };
}

/**
 * One ClusterIssuer per Let's Encrypt directory. cert-manager reissues a certificate when its
 * issuerRef (name, kind, group) differs from the issuer annotations on its Secret, not when
 * the issuer's ACME server changes (cert-manager v1.21.1
 * internal/controller/certificates/policies/policies.go:71-83, checks.go:161-172): a distinct
 * name per directory makes the switch from staging to production replace the untrusted
 * certificate at once. Each issuer keeps its own account key (an account belongs to one directory).
 */
export function acmeIssuerName(server: "staging" | "production"): string {
    return `letsencrypt-${server}`;
}

export interface AcmeIssuerArgs {
    /** URL of the ACME directory (one of ACME_SERVERS). */
    readonly server: string;
    /** The ACME account's contact address (expiry notices). */
    readonly email: string;
    /** The Secret the ACME account key is kept in (created by cert-manager). */
    readonly accountKeySecret: string;
    /** The Gateway listener the HTTP-01 solver routes attach to (port 80, the Gateway's own namespace). */
    readonly http01Listener: GatewayListenerRef;
}

/**
 * Let's Encrypt with HTTP-01 through the Gateway: for each challenge cert-manager creates a
 * solver Pod, a Service and an HTTPRoute (in the Certificate's namespace, the Gateway's)
 * attached to the given parentRefs; cert-manager never edits the Gateway
 * (cert-manager website 776e5db content/docs/configuration/acme/http01/README.md:296-349).
 * serviceType ClusterIP: the default NodePort would take a node port per challenge
 * (clusterissuers CRD, gatewayHTTPRoute.serviceType).
 */
export function acmeIssuerSpec(args: AcmeIssuerArgs): Record<string, unknown> {
    const { group, kind, name, namespace, sectionName } = args.http01Listener;
    return {
        acme: {
            server: args.server,
            email: args.email,
            privateKeySecretRef: { name: args.accountKeySecret },
            solvers: [{ http01: { gatewayHTTPRoute: { parentRefs: [{ group, kind, name, namespace, sectionName }], serviceType: "ClusterIP" } } }],
        },
    };
}

export interface GatewayCertificateArgs {
    /** The kubernetes.io/tls Secret cert-manager writes the key pair to, in the Certificate's namespace (the Gateway's). */
    readonly secretName: string;
    /** Every host name the certificate covers, one DNS name each (no wildcard: HTTP-01 cannot validate one). */
    readonly hosts: readonly string[];
    /** Name of the ClusterIssuer that signs it. */
    readonly issuerName: string;
}

/** The HTTPS listener's certificate: every served host by name (no wildcard, which HTTP-01 cannot validate), a fresh ECDSA key on each renewal. */
export function gatewayCertificateSpec(args: GatewayCertificateArgs): Record<string, unknown> {
    return {
        secretName: args.secretName,
        dnsNames: [...args.hosts],
        issuerRef: { group: "cert-manager.io", kind: "ClusterIssuer", name: args.issuerName },
        privateKey: { algorithm: "ECDSA", size: 256, rotationPolicy: "Always" },
    };
}
