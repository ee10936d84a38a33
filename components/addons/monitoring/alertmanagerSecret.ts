// The Alertmanager configuration (receivers, routes) from secret config, as the Secret
// the operator reads through the Alertmanager's configSecret. Receivers hold webhook
// URLs and tokens, so the config never becomes a Helm value.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import type { ChildName } from "../../childNames";
import { ALERTMANAGER_CONFIG_KEY } from "./kubePrometheusStackValues";

export const ALERTMANAGER_CONFIG_SECRET = "alertmanager-platform-config";

export interface AlertmanagerSecretArgs {
    /** The monitoring namespace, where the Alertmanager reads its config Secret. */
    namespace: string;
    /** Labels of the Secret. */
    labels: Record<string, string>;
    /** The complete alertmanager.yaml (a Pulumi secret). */
    config: pulumi.Output<string>;
    /** The cluster's Kubernetes provider. */
    provider: k8s.Provider;
    /** What the Secret waits for (its namespace). */
    dependsOn: pulumi.Input<pulumi.Resource>[];
}

export function alertmanagerSecret(child: ChildName, args: AlertmanagerSecretArgs, opts: pulumi.CustomResourceOptions): k8s.core.v1.Secret {
    return new k8s.core.v1.Secret(
        child.name,
        {
            metadata: { name: ALERTMANAGER_CONFIG_SECRET, namespace: args.namespace, labels: args.labels },
            type: "Opaque",
            stringData: pulumi.secret({ [ALERTMANAGER_CONFIG_KEY]: args.config }),
        },
        { ...opts, provider: args.provider, dependsOn: args.dependsOn, aliases: child.aliases },
    );
}
