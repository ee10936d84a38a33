// The platform's namespaces, each labelled with the Pod Security Admission level it
// enforces: `restricted` for applications; system add-ons ask for what they need.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

export type PodSecurityLevel = "restricted" | "baseline" | "privileged";

export interface NamespaceSpec {
    name: string;
    podSecurity: PodSecurityLevel;
    /** Labels besides env, managed-by and the Pod Security ones. */
    labels?: Record<string, string>;
}

/** Marks the namespaces apps and jobs run in: the shared Gateway admits routes from these only. */
export const APP_NAMESPACE_LABEL = { key: "platform.k8s-app-platform.io/apps", value: "true" } as const;

export function podSecurityLabels(level: PodSecurityLevel): Record<string, string> {
    return {
        "pod-security.kubernetes.io/enforce": level,
        "pod-security.kubernetes.io/enforce-version": "latest",
        "pod-security.kubernetes.io/audit": "restricted",
        "pod-security.kubernetes.io/warn": "restricted",
    };
}

export interface NamespacesArgs {
    /** The namespaces to create, each with its Pod Security level and extra labels. */
    namespaces: NamespaceSpec[];
    /** The stack's environment (`platform:environment`): the `env` label of every namespace. */
    environment: string;
    /** The cluster's Kubernetes provider. */
    provider: k8s.Provider;
}

export class Namespaces extends pulumi.ComponentResource {
    /** Namespace resources by name, for children that must be created after their namespace. */
    public readonly byName: Record<string, k8s.core.v1.Namespace> = {};

    constructor(name: string, args: NamespacesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:index:Namespaces", name, {}, opts);
        for (const spec of args.namespaces) {
            this.byName[spec.name] = new k8s.core.v1.Namespace(
                spec.name,
                {
                    metadata: {
                        name: spec.name,
                        labels: { env: args.environment, "app.kubernetes.io/managed-by": "pulumi", ...spec.labels, ...podSecurityLabels(spec.podSecurity) },
                    },
                },
                { parent: this, provider: args.provider },
            );
        }
        this.registerOutputs({ names: args.namespaces.map((spec) => spec.name) });
    }
}
