// EKS managed add-ons, each at the version EKS pairs by default with the cluster's
// Kubernetes version, so an upgrade of the cluster moves every add-on with it (the
// version is looked up, never hard-coded). This module loads @pulumi/aws.
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

import type { EksAddonIdentity } from "./workloadIdentity";

export interface EksAddonArgs {
    /** Name of the EKS cluster the add-on is installed in. */
    clusterName: pulumi.Input<string>;
    /** The cluster's Kubernetes version, e.g. `1.35`: the add-on's version is the one EKS pairs with it by default. */
    kubernetesVersion: string;
    /** The IAM role of the add-on's service account, bound by IRSA or by a Pod Identity association the add-on owns. */
    identity?: EksAddonIdentity;
    /** The add-on's configuration (its `describe-addon-configuration` schema), as an object. */
    configurationValues?: Record<string, unknown>;
    /** Keep the add-on's Kubernetes objects when the add-on resource is deleted or replaced. */
    preserve?: boolean;
    /** AWS tags of the add-on resource. */
    tags: Record<string, string>;
}

/** The add-on version EKS installs by default for a Kubernetes version (not the newest build: no drift between two `up`s). */
export function defaultAddonVersion(addonName: string, kubernetesVersion: string, opts: pulumi.InvokeOutputOptions): pulumi.Output<string> {
    return aws.eks.getAddonVersionOutput({ addonName, kubernetesVersion, mostRecent: false }, opts).version;
}

export function eksAddon(addonName: string, args: EksAddonArgs, opts: pulumi.CustomResourceOptions & { parent: pulumi.Resource }): aws.eks.Addon {
    return new aws.eks.Addon(
        addonName,
        {
            clusterName: args.clusterName,
            addonName,
            addonVersion: defaultAddonVersion(addonName, args.kubernetesVersion, { parent: opts.parent }),
            ...args.identity,
            configurationValues: args.configurationValues ? JSON.stringify(args.configurationValues) : undefined,
            // Adopt the self-managed copy EKS bootstraps, and keep ownership on update.
            resolveConflictsOnCreate: "OVERWRITE",
            resolveConflictsOnUpdate: "OVERWRITE",
            preserve: args.preserve,
            tags: args.tags,
        },
        opts,
    );
}
