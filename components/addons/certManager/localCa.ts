// kind's certificate authority: a self-signed root made by the stack (the tls provider),
// kept in a kubernetes.io/tls Secret that cert-manager's CA ClusterIssuer signs with. Made
// outside the cluster, it outlives a recreated kind cluster: the root a workstation trusts
// once stays valid. Its certificate (public) is a stack output; its key stays a Pulumi
// secret end to end. This module loads @pulumi/tls; only the ca issuer requires it.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";

export interface LocalCaArgs {
    /** Subject common name of the self-signed root certificate. */
    readonly commonName: string;
    /** Namespace of the Secret holding the root's key pair: cert-manager's own (its cluster resource namespace). */
    readonly namespace: string;
    /** Name of that kubernetes.io/tls Secret, which the CA ClusterIssuer signs with. */
    readonly secretName: string;
    /** Labels of the Secret. */
    readonly labels: Record<string, string>;
    /** The cluster's Kubernetes provider. */
    readonly provider: k8s.Provider;
    /** What the Secret waits for (its namespace). */
    readonly dependsOn: pulumi.Resource[];
}

/** Ten years: a dev root nobody should have to trust anew. */
export const CA_VALIDITY_HOURS = 10 * 365 * 24;

export class LocalCa extends pulumi.ComponentResource {
    /** The root certificate (PEM), to trust on the workstation. */
    public readonly certificate: pulumi.Output<string>;
    public readonly secret: k8s.core.v1.Secret;

    constructor(name: string, args: LocalCaArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:certManager:LocalCa", name, {}, opts);
        const key = new tls.PrivateKey(`${name}-key`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, { parent: this });
        const root = new tls.SelfSignedCert(
            `${name}-certificate`,
            {
                privateKeyPem: key.privateKeyPem,
                isCaCertificate: true,
                subject: { commonName: args.commonName, organization: "k8s-app-platform" },
                validityPeriodHours: CA_VALIDITY_HOURS,
                allowedUses: ["cert_signing", "crl_signing", "digital_signature"],
            },
            { parent: this },
        );
        this.certificate = root.certPem;
        this.secret = new k8s.core.v1.Secret(
            `${name}-secret`,
            {
                metadata: { name: args.secretName, namespace: args.namespace, labels: args.labels },
                type: "kubernetes.io/tls",
                stringData: { "tls.crt": root.certPem, "tls.key": pulumi.secret(key.privateKeyPem) },
            },
            { parent: this, provider: args.provider, dependsOn: args.dependsOn },
        );
        this.registerOutputs({ certificate: this.certificate });
    }
}
