// A cluster the user already has, reached through a context of their kubeconfig.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import type { ExistingClusterConfig } from "../../stacks/schema/cluster";
import type { LocalOrExistingCluster } from "./cluster";

export class ExistingCluster extends pulumi.ComponentResource implements LocalOrExistingCluster {
    public readonly clusterType = "existing";
    public readonly provider: k8s.Provider;
    public readonly name: pulumi.Output<string>;

    constructor(name: string, config: ExistingClusterConfig, opts?: pulumi.ComponentResourceOptions) {
        super("platform:cluster:ExistingCluster", name, {}, opts);
        this.name = pulumi.output(config.context);
        this.provider = new k8s.Provider(
            "cluster",
            {
                context: config.context,
                kubeconfig: config.kubeconfigPath,
                // Only a change of context means another cluster; edits to the kubeconfig must not replace every resource.
                clusterIdentifier: `context:${config.context}`,
            },
            { parent: this },
        );
        this.registerOutputs({ name: this.name });
    }
}
