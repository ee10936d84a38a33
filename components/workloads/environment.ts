// A container's environment: plain values, secret values (by reference to the
// workload's Secret, never inline) and the ConfigMap's keys.
import type * as k8s from "@pulumi/kubernetes";

type EnvVar = k8s.types.input.core.v1.EnvVar;
type EnvFromSource = k8s.types.input.core.v1.EnvFromSource;

export interface EnvironmentSources {
    env: Record<string, string>;
    /** Env var names whose values come from the Secret named `secretName`. */
    secretEnvNames: string[];
    secretName?: string;
    configMapName?: string;
}

export function containerEnvironment(sources: EnvironmentSources): { env: EnvVar[]; envFrom: EnvFromSource[] } {
    const plain = Object.entries(sources.env).map(([name, value]) => ({ name, value }));
    const secret = sources.secretName
        ? sources.secretEnvNames.map((name) => ({ name, valueFrom: { secretKeyRef: { name: sources.secretName!, key: name } } }))
        : [];
    return {
        env: [...plain, ...secret],
        envFrom: sources.configMapName ? [{ configMapRef: { name: sources.configMapName } }] : [],
    };
}
