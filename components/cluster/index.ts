// Chooses the cluster variant from config. EKS support loads the AWS packages, so it
// is required only when a stack asks for it.
import * as pulumi from "@pulumi/pulumi";
import type { ClusterConfig } from "../../stacks/schema/cluster";
import type { Cluster } from "./cluster";
import { ExistingCluster } from "./existingCluster";

export type { Cluster } from "./cluster";

export function createCluster(name: string, config: ClusterConfig, opts: pulumi.ComponentResourceOptions): Cluster {
    switch (config.type) {
        case "existing":
            return new ExistingCluster(name, config, opts);
        case "kind":
        case "eks":
            throw new Error(`cluster type '${config.type}' is not supported yet`);
    }
}
