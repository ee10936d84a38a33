// A container's environment: plain values, secret values (by reference to the
// workload's Secret, never inline) and the ConfigMap's keys.
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

type EnvVar = k8s.types.input.core.v1.EnvVar;
type EnvFromSource = k8s.types.input.core.v1.EnvFromSource;

export interface EnvironmentSources {
    env: Record<string, string>;
    /** Env var names whose values come from `secret`, key by key. */
    secretEnvNames: string[];
    secret?: { metadata: pulumi.Output<k8s.types.output.meta.v1.ObjectMeta> };
    /** Exposed whole, each key a variable. */
    configMap?: { metadata: pulumi.Output<k8s.types.output.meta.v1.ObjectMeta> };
}

export function containerEnvironment(sources: EnvironmentSources): { env: EnvVar[]; envFrom: EnvFromSource[] } {
    const plain = Object.entries(sources.env).map(([name, value]) => ({ name, value }));
    const secretName = sources.secret?.metadata.name;
    const secret = secretName ? sources.secretEnvNames.map((name) => ({ name, valueFrom: { secretKeyRef: { name: secretName, key: name } } })) : [];
    return {
        env: [...plain, ...secret],
        envFrom: sources.configMap ? [{ configMapRef: { name: sources.configMap.metadata.name } }] : [],
    };
}
