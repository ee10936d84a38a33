// A local kind cluster, created and deleted by the kind CLI (there is no kind
// provider). The kubeconfig comes from `kind get kubeconfig` and stays a secret.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import type { KindClusterConfig } from "../../stacks/schema/cluster";
import type { LocalOrExistingCluster } from "./cluster";
import { kindClusterConfig, kindConfigDigest, kindCreateCommand, kindDeleteCommand, kindKubeconfigCommand, kindLoadImagesCommand } from "./kindConfig";

export interface KindClusterArgs {
    /** Name of the kind cluster (`kind create cluster --name`); its node containers and kubeconfig context are named after it. */
    clusterName: string;
    /** The stack's kind `cluster` section, defaults applied (stacks/schema/cluster.ts): node image, workers, port mappings, images to load. */
    config: KindClusterConfig;
}

export class KindCluster extends pulumi.ComponentResource implements LocalOrExistingCluster {
    public readonly clusterType = "kind";
    public readonly provider: k8s.Provider;
    public readonly name: pulumi.Output<string>;
    public readonly kubeconfig: pulumi.Output<string>;
    public readonly readiness: pulumi.Resource[] = [];

    constructor(name: string, args: KindClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:cluster:KindCluster", name, {}, opts);
        const { clusterName, config } = args;
        const kindConfig = kindClusterConfig(clusterName, config);

        // A changed kind config (node image, workers, port mappings) can only be applied by recreating the cluster.
        const cluster = new command.local.Command(
            "kind-cluster",
            {
                create: kindCreateCommand(clusterName, kindConfigDigest(kindConfig)),
                delete: kindDeleteCommand(clusterName),
                stdin: kindConfig,
                triggers: [kindConfig],
            },
            { parent: this, deleteBeforeReplace: true },
        );

        // The control-plane container's ID: a new one whenever the cluster is created again.
        const instance = cluster.stdout.apply((stdout) => stdout.trim().split("\n").pop() ?? "");
        const kubeconfig = new command.local.Command(
            "kind-kubeconfig",
            { create: kindKubeconfigCommand(clusterName), triggers: [instance] },
            { parent: this, dependsOn: [cluster], additionalSecretOutputs: ["stdout"] },
        );
        this.kubeconfig = pulumi.secret(kubeconfig.stdout);
        this.name = cluster.id.apply(() => clusterName);

        this.provider = new k8s.Provider(
            "cluster",
            {
                kubeconfig: this.kubeconfig,
                // Only a changed identifier replaces the provider, and with it every object on it
                // (pulumi-kubernetes provider/pkg/provider/provider.go:486-503, DiffConfig): it names
                // this instance of the cluster, so a recreated cluster gets every object again.
                clusterIdentifier: pulumi.interpolate`kind:${clusterName}@${instance.apply((id) => id.slice(0, 12))}`,
                // A cluster deleted by hand must not wedge `pulumi destroy` or `up`.
                deleteUnreachable: true,
            },
            { parent: this },
        );

        if (config.loadImages.length > 0) {
            const loadImages = new command.local.Command(
                "kind-load-images",
                { create: kindLoadImagesCommand(clusterName, config.loadImages), triggers: [instance, ...config.loadImages] },
                { parent: this, dependsOn: [cluster] },
            );
            // Workloads may run the loaded images: they start after the load.
            this.readiness.push(loadImages);
        }
        this.registerOutputs({ name: this.name, kubeconfig: this.kubeconfig });
    }
}
