// Chooses the cluster variant from config. The EKS variant loads the AWS packages
// (about half a second of start-up), so its module is required only when a stack uses it.
import * as pulumi from "@pulumi/pulumi";

import type { ClusterConfig } from "../../stacks/schema/cluster";
import type { Cluster } from "./cluster";
import { ExistingCluster } from "./existingCluster";
import { KindCluster } from "./kindCluster";

export type { Cluster, EksCluster } from "./cluster";

export interface ClusterArgs {
    /** The cluster's name for kind and EKS (an existing cluster keeps its own); Platform passes `cluster.name`, or `platform-<environment>` when unset. */
    clusterName: string;
    /** The stack's `cluster` config section, defaults applied; its `type` picks kind, existing or EKS. */
    config: ClusterConfig;
    /** AWS tags of every AWS resource the EKS variant creates (unused by kind and existing clusters). */
    tags: Record<string, string>;
}

export function createCluster(name: string, args: ClusterArgs, opts: pulumi.ComponentResourceOptions): Cluster {
    const { config } = args;
    switch (config.type) {
        case "existing":
            return new ExistingCluster(name, config, opts);
        case "kind":
            return new KindCluster(name, { clusterName: args.clusterName, config }, opts);
        case "eks": {
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: keeps the AWS SDKs off the dev path
            const { EksCluster } = require("./eksCluster") as typeof import("./eksCluster");
            const awsProfile = new pulumi.Config("aws").get("profile");
            return new EksCluster(name, { clusterName: args.clusterName, config, tags: args.tags, awsProfile }, opts);
        }
    }
}
