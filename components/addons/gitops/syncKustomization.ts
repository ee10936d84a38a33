// The Flux Kustomization that applies the environment's path of the Git source and
// keeps the cluster in sync with it (pruning what the repository no longer holds).
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

import { prefixedChild } from "../../childNames";
import { APPLIER_NAME } from "./applier";
import { SKIP_AWAIT_ANNOTATIONS } from "./awaitPolicy";
import type { GitopsConfig } from "./config";
import { GIT_SOURCE_NAME } from "./gitSource";

export const SYNC_KUSTOMIZATION_NAME = "platform";

/** The repository path of an environment when the stack names none: gitops/clusters/<environment>. */
export function defaultSyncPath(environment: string): string {
    return `./gitops/clusters/${environment}`;
}

export function kustomizationSpec(config: GitopsConfig["kustomization"], environment: string): Record<string, unknown> {
    return {
        sourceRef: { kind: "GitRepository", name: GIT_SOURCE_NAME },
        // Applied as this account, whose rights end at the namespaces the tree owns (applier.ts).
        serviceAccountName: APPLIER_NAME,
        path: config.path ?? defaultSyncPath(environment),
        interval: config.interval,
        retryInterval: config.retryInterval,
        timeout: config.timeout,
        prune: config.prune,
        wait: config.wait,
    };
}

export interface SyncKustomizationArgs {
    /** The `gitops.kustomization` config: path, interval (10m), retryInterval (2m), timeout (5m), prune and wait (true); defaults from the stack config. */
    config: GitopsConfig["kustomization"];
    /** The stack's environment: the path is `./gitops/clusters/<it>` unless `config.path` is set. */
    environment: string;
    /** The Flux namespace, where the Kustomization goes beside its GitRepository. */
    namespace: string;
    /** Labels of the Kustomization. */
    labels: Record<string, string>;
    /** The cluster's Kubernetes provider. */
    provider: k8s.Provider;
    /** The Flux release (Kustomization CRD), the GitRepository it reads, and the account it applies as with its rights. */
    dependsOn: pulumi.Input<pulumi.Resource>[];
}

/** The Kustomization; its Pulumi name starts with `prefix` (the component's name). */
export function syncKustomization(prefix: string, args: SyncKustomizationArgs, opts: { parent: pulumi.Resource }): k8s.apiextensions.CustomResource {
    const child = prefixedChild(prefix, SYNC_KUSTOMIZATION_NAME);
    return new k8s.apiextensions.CustomResource(
        child.name,
        {
            apiVersion: "kustomize.toolkit.fluxcd.io/v1",
            kind: "Kustomization",
            metadata: { name: SYNC_KUSTOMIZATION_NAME, namespace: args.namespace, labels: args.labels, annotations: { ...SKIP_AWAIT_ANNOTATIONS } },
            spec: kustomizationSpec(args.config, args.environment),
        },
        { ...opts, provider: args.provider, dependsOn: args.dependsOn, aliases: child.aliases },
    );
}
