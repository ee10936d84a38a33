// GitOps with Flux: the controllers (flux2 chart) and, once the config names a
// repository, the Git source and the Kustomization that continuously applies the
// environment's path. The custom resources depend on the
// release that installs their CRDs, so `destroy` deletes them (and lets Flux's
// finalizers prune what they applied) before it uninstalls the controllers.
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import { prefixedChild } from "../../childNames";
import { workloadLabels } from "../../workloads/labels";
import { type HelmAddonPlacement } from "../helmAddon";
import { gitopsApplier } from "./applier";
import type { GitopsConfig } from "./config";
import { fluxRelease } from "./flux";
import { gitSource } from "./gitSource";
import { defaultSyncPath, syncKustomization } from "./syncKustomization";

export interface GitopsArgs extends HelmAddonPlacement {
    /** The `gitops` config section, defaults applied (./config.ts); without `repository` only the controllers are installed. */
    readonly config: GitopsConfig;
    /** The stack's environment (`platform:environment`): the `env` label, and the synced path `./gitops/clusters/<it>` unless `kustomization.path` is set. */
    readonly environment: string;
    /** The namespaces the GitOps tree owns, where Flux's service account may write. */
    readonly ownedNamespaces: readonly string[];
    /** The stack, for the command the summary suggests. */
    readonly stack: string;
    /** Secret config values (Pulumi secrets) by key, for the Git credentials. */
    readonly secrets: Readonly<Record<string, pulumi.Output<string>>>;
    /** The platform's namespaces by name: those the GitOps tree owns are among them. */
    readonly namespaceResources: Readonly<Record<string, k8s.core.v1.Namespace>>;
}

export class Gitops extends pulumi.ComponentResource {
    public readonly flux: k8s.helm.v3.Release;
    /** The Git source and the Kustomization applying it, once the config names a repository. */
    public readonly sync?: { source: k8s.apiextensions.CustomResource; kustomization: k8s.apiextensions.CustomResource };
    /** What the cluster follows, or what to set to make it follow a repository, for the stack outputs. */
    public readonly summary: Record<string, string>;

    constructor(name: string, args: GitopsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:gitops:Gitops", name, {}, opts);
        const { config, provider, namespace } = args;
        this.flux = fluxRelease(prefixedChild(name, "flux"), args, this);

        const repository = config.repository;
        const path = config.kustomization.path ?? defaultSyncPath(args.environment);
        if (!repository) {
            this.summary = {
                status: "Flux controllers installed; no repository to sync",
                toSync: `pulumi config set --path gitops.repository.url https://github.com/<org>/<repo>.git -s ${args.stack}   # then pulumi up -s ${args.stack}; Flux applies ${path}`,
            };
            this.registerOutputs({ summary: this.summary });
            return;
        }
        const labels = workloadLabels("flux-sync", args.environment, "gitops");
        const source = gitSource(
            name,
            { repository, namespace: namespace.name, labels, secrets: args.secrets, provider, dependsOn: [this.flux] },
            { parent: this },
        );
        const applier = gitopsApplier(
            name,
            {
                fluxNamespace: namespace.name,
                namespaces: args.ownedNamespaces.map((owned) => ({ name: owned, resource: args.namespaceResources[owned] })),
                labels,
                provider,
                dependsOn: [namespace.resource],
            },
            { parent: this },
        );
        const kustomization = syncKustomization(
            name,
            {
                config: config.kustomization,
                environment: args.environment,
                namespace: namespace.name,
                labels,
                provider,
                dependsOn: [this.flux, source, applier.serviceAccount, ...applier.grants],
            },
            { parent: this },
        );
        this.sync = { source, kustomization };
        this.summary = {
            repository: repository.url,
            branch: repository.branch,
            path,
            status: `kubectl -n ${namespace.name} get gitrepositories,kustomizations`,
        };
        this.registerOutputs({ summary: this.summary });
    }
}
