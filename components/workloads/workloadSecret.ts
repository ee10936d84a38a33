// The Secret that holds a workload's secret env values. Values arrive as Pulumi
// secrets and stay secrets in state; containers reference them by key.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

export interface WorkloadSecretArgs {
    /** Name of the Secret. */
    name: string;
    /** Namespace of the Secret, the workload's. */
    namespace: string;
    /** Labels of the Secret, the workload's. */
    labels: Record<string, string>;
    /** Values by key (each kept a Pulumi secret). Empty: no Secret is created. */
    values: Record<string, pulumi.Input<string>>;
}

/** Creates the Secret when there are values; returns it, or undefined when there is none. */
export function workloadSecret(args: WorkloadSecretArgs, opts: pulumi.CustomResourceOptions): k8s.core.v1.Secret | undefined {
    if (Object.keys(args.values).length === 0) {
        return undefined;
    }
    const stringData = Object.fromEntries(Object.entries(args.values).map(([key, value]) => [key, pulumi.secret(value)]));
    return new k8s.core.v1.Secret(
        args.name,
        { metadata: { name: args.name, namespace: args.namespace, labels: args.labels }, type: "Opaque", stringData },
        opts,
    );
}
