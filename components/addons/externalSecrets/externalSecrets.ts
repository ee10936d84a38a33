// External Secrets Operator with its IAM role and the ClusterSecretStore, and Reloader,
// in the external-secrets namespace. This module loads @pulumi/aws (the account and
// partition of the role's policy): the add-on requires it only when deployed (EKS).
// Ordering: the store depends on the release (CRDs, webhook); apps' ExternalSecrets depend
// on both (the capability's `ready`), so `destroy` deletes them first, while the controller
// still runs to remove their finalizer (externalsecrets.external-secrets.io/externalsecret-cleanup,
// pkg/controllers/externalsecret/externalsecret_controller.go:72-73,230-238).
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import type { ResourcesConfig } from "../../../stacks/schema/workloads";
import { stackRegion } from "../../aws/region";
import type { WorkloadIdentity } from "../../cluster/workloadIdentity";
import { workloadLabels } from "../../workloads/labels";
import { helmAddonRelease, type HelmAddonPlacement } from "../helmAddon";
import { EXTERNAL_SECRETS_CHART, RELOADER_CHART } from "./charts";
import { externalSecretsReadPolicy } from "./readPolicy";
import { clusterSecretStore } from "./secretStore";
import { EXTERNAL_SECRETS_RELEASE, EXTERNAL_SECRETS_SERVICE_ACCOUNT, externalSecretsValues, RELOADER_RELEASE, reloaderValues } from "./values";

/** Placed without the monitoring CRDs: neither chart's ServiceMonitor is switched on. */
export interface ExternalSecretsArgs extends Omit<HelmAddonPlacement, "prometheusOperatorCrds"> {
    /** The stack's environment (`platform:environment`): the `env` label of the ClusterSecretStore. */
    readonly environment: string;
    /** The only Secrets Manager secrets the role may read: names starting with it (`externalSecrets.keyPrefix`, `<environment>/` when unset). */
    readonly keyPrefix: string;
    /** ARN of the customer-managed KMS key the secrets are encrypted with: the role may decrypt with it through Secrets Manager only. Unset: aws/secretsmanager. */
    readonly kmsKeyArn?: string;
    /** Namespaces whose apps read external secrets: the store serves them, Reloader watches them. */
    readonly appNamespaces: readonly string[];
    /** The cluster's workload identity: makes the operator's read-only role and binds it to its service account. */
    readonly workloadIdentity: WorkloadIdentity;
    /** CPU and memory requests and limits of each container: the operator, its webhook, its cert controller and Reloader. */
    readonly resources: ResourcesConfig;
    /** AWS tags of the operator's IAM role. */
    readonly tags: Record<string, string>;
}

export class ExternalSecrets extends pulumi.ComponentResource {
    public readonly release: k8s.helm.v3.Release;
    public readonly store: k8s.apiextensions.CustomResource;
    public readonly reloader?: k8s.helm.v3.Release;

    constructor(name: string, args: ExternalSecretsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:externalSecrets:ExternalSecrets", name, {}, opts);
        const region = stackRegion(this);
        const identity = aws.getCallerIdentityOutput({}, { parent: this });
        const partition = aws.getPartitionOutput({}, { parent: this });
        const policy = pulumi
            .all([identity.accountId, partition.partition, region])
            .apply(([accountId, awsPartition, region]) =>
                externalSecretsReadPolicy({ partition: awsPartition, region, accountId, keyPrefix: args.keyPrefix, kmsKeyArn: args.kmsKeyArn }),
            );
        const role = args.workloadIdentity.serviceAccountRole(
            `${name}-operator`,
            { namespace: args.namespace.name, serviceAccount: EXTERNAL_SECRETS_SERVICE_ACCOUNT, inlinePolicy: policy, tags: args.tags },
            this,
        );
        this.release = helmAddonRelease(
            `${name}-operator`,
            {
                chart: EXTERNAL_SECRETS_CHART,
                releaseName: EXTERNAL_SECRETS_RELEASE,
                values: () => externalSecretsValues(role, args.resources),
                timeoutSeconds: 600,
                after: role.ready,
            },
            args,
            { parent: this },
        );
        this.store = new k8s.apiextensions.CustomResource(
            `${name}-store`,
            clusterSecretStore(
                region,
                args.appNamespaces,
                workloadLabels("external-secrets", args.environment, "secret-store"),
            ) as k8s.apiextensions.CustomResourceArgs,
            { parent: this, provider: args.provider, dependsOn: [this.release] },
        );
        if (args.appNamespaces.length > 0) {
            this.reloader = helmAddonRelease(
                `${name}-reloader`,
                { chart: RELOADER_CHART, releaseName: RELOADER_RELEASE, values: () => reloaderValues(args.appNamespaces, args.resources), timeoutSeconds: 300 },
                args,
                { parent: this },
            );
        }
        this.registerOutputs({ store: this.store.metadata.name });
    }
}
