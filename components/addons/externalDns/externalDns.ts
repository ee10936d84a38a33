// ExternalDNS with its IAM role, publishing the shared Gateway's route hosts to Route 53.
// Destroy: the routes go before it (they depend on its release), so it deletes their records
// while it still runs.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import type { EksCluster } from "../../cluster";
import { helmAddonRelease, type HelmAddonPlacement } from "../helmAddon";
import { EXTERNAL_DNS_CHART } from "./charts";
import { externalDnsPolicy } from "./iamPolicy";
import { externalDnsValues, SERVICE_ACCOUNT } from "./values";

/** Placed without the monitoring CRDs: the chart's ServiceMonitor is not switched on. */
export interface ExternalDnsArgs extends Omit<HelmAddonPlacement, "prometheusOperatorCrds"> {
    /** The shared Gateway's domain (`gateway.domain`): only records under it are managed. */
    readonly domain: string;
    /**
     * The Gateway API CRDs. Its gateway source fails to start until they exist: the informers' caches
     * cannot sync (external-dns v0.21.0 source/gateway.go:217-219, a 60 s bound in
     * source/informers/informers.go:52-66), and the release's wait can roll it back.
     */
    readonly gatewayApiCrds: pulumi.Resource;
    /** ID of the public Route 53 hosted zone of `domain` (`externalDns.hostedZoneId`), the only zone the role may change. */
    readonly hostedZoneId: string;
    /** The EKS cluster: its name is the records' owner id, its region the AWS API's, its workload identity makes and binds the role. */
    readonly cluster: EksCluster;
    /** AWS tags of ExternalDNS's IAM role. */
    readonly tags: Record<string, string>;
}

export class ExternalDns extends pulumi.ComponentResource {
    public readonly release: k8s.helm.v3.Release;

    constructor(name: string, args: ExternalDnsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:externalDns:ExternalDns", name, {}, opts);
        const { cluster, namespace } = args;
        const role = cluster.workloadIdentity.serviceAccountRole(
            name,
            { namespace: namespace.name, serviceAccount: SERVICE_ACCOUNT, inlinePolicy: externalDnsPolicy(args.hostedZoneId), tags: args.tags },
            this,
        );
        this.release = helmAddonRelease(
            `${name}-release`,
            {
                chart: EXTERNAL_DNS_CHART,
                releaseName: "external-dns",
                values: () =>
                    externalDnsValues({
                        domain: args.domain,
                        hostedZoneId: args.hostedZoneId,
                        ownerId: cluster.name,
                        region: cluster.aws.region,
                        credentials: role,
                    }),
                timeoutSeconds: 300,
                after: [args.gatewayApiCrds, ...role.ready, ...(cluster.readiness ?? [])],
            },
            args,
            { parent: this },
        );
        this.registerOutputs({ roleArn: role.role.arn });
    }
}
