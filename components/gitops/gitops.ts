// GitOps with Flux: the controllers (flux2 chart), the Git source and the Kustomization
// that continuously applies the environment's path. The custom resources depend on the
// release that installs their CRDs, so `destroy` deletes them (and lets Flux's
// finalizers prune what they applied) before it uninstalls the controllers.
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { GitopsConfig } from "../../stacks/schema/gitops";
import { workloadLabels } from "../workloads/labels";
import { fluxRelease } from "./flux";
import { gitSource } from "./gitSource";
import { defaultSyncPath, syncKustomization } from "./syncKustomization";

export interface GitopsArgs {
    config: GitopsConfig;
    environment: string;
    /** The Flux namespace, created by the Namespaces component. */
    namespace: k8s.core.v1.Namespace;
    namespaceName: string;
    secrets: Record<string, pulumi.Output<string>>;
    /** The release that installs the PodMonitor CRD, when monitoring is enabled. */
    monitoringRelease?: k8s.helm.v3.Release;
    provider: k8s.Provider;
}

export class Gitops extends pulumi.ComponentResource {
    public readonly flux: k8s.helm.v3.Release;
    public readonly source: k8s.apiextensions.CustomResource;
    public readonly kustomization: k8s.apiextensions.CustomResource;
    /** What the cluster follows, for the stack outputs. */
    public readonly summary: Record<string, string>;

    constructor(name: string, args: GitopsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:gitops:Gitops", name, {}, opts);
        const { config, provider } = args;
        this.flux = fluxRelease(
            args.namespaceName,
            { podMonitor: args.monitoringRelease !== undefined },
            { parent: this, provider, dependsOn: [args.namespace, ...(args.monitoringRelease ? [args.monitoringRelease] : [])] },
        );

        const repository = config.repository!;
        const labels = workloadLabels("flux-sync", args.environment, "gitops");
        this.source = gitSource(
            { repository, namespace: args.namespaceName, labels, secrets: args.secrets, provider, dependsOn: [this.flux] },
            { parent: this },
        );
        this.kustomization = syncKustomization(
            { config: config.kustomization, environment: args.environment, namespace: args.namespaceName, labels, provider, dependsOn: [this.flux, this.source] },
            { parent: this },
        );
        this.summary = {
            repository: repository.url,
            branch: repository.branch,
            path: config.kustomization.path ?? defaultSyncPath(args.environment),
            status: `kubectl -n ${args.namespaceName} get gitrepositories,kustomizations`,
        };
        this.registerOutputs({ summary: this.summary });
    }
}
