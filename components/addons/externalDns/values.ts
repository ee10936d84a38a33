// Values of the external-dns chart (1.21.1); each becomes a flag of the Deployment
// (templates/deployment.yaml:95-164).
// - sources [gateway-httproute] only: hosts of the HTTPRoutes the shared Gateway accepted,
//   pointed at the Gateway's address (its NLB) (external-dns v0.21.0 docs/sources/gateway.md:85,
//   105-115). Without the chart's default sources (service, ingress) it asks for no rights on
//   nodes, pods or Services (templates/clusterrole.yaml:12-31, 66-87).
// - domainFilters [domain], the zone by id (--zone-id-filter) and public zones only
//   (--aws-zone-type), txtOwnerId the cluster's name: it touches only records it owns in that zone.
// - policy sync: a route deleted is a record deleted (the default upsert-only keeps them);
//   triggerLoopOnEvent: it syncs on route events, not only every minute (values.yaml:206-209).
// - env AWS_DEFAULT_REGION: the pods cannot reach the instance metadata (docs/tutorials/aws.md:586-591).
import type * as pulumi from "@pulumi/pulumi";

import type { ServiceAccountCredentials } from "../../cluster/workloadIdentity";

export const SERVICE_ACCOUNT = "external-dns";

export interface ExternalDnsValuesArgs {
    /** The domain whose records it manages (`--domain-filter`). */
    readonly domain: string;
    /** The Route 53 zone it may change (`--zone-id-filter`). */
    readonly hostedZoneId: string;
    /** The TXT registry's owner id (the cluster's name): records other owners made are left alone. */
    readonly ownerId: pulumi.Input<string>;
    /** AWS region for the Route 53 client (`AWS_DEFAULT_REGION`): the pods cannot read it from the instance metadata. */
    readonly region: pulumi.Input<string>;
    /** How the service account and pods get ExternalDNS's role: the annotations the chart puts on each. */
    readonly credentials: ServiceAccountCredentials;
}

export function externalDnsValues(args: ExternalDnsValuesArgs): Record<string, unknown> {
    return {
        provider: { name: "aws" },
        sources: ["gateway-httproute"],
        domainFilters: [args.domain],
        txtOwnerId: args.ownerId,
        registry: "txt",
        policy: "sync",
        triggerLoopOnEvent: true,
        extraArgs: { "aws-zone-type": "public", "zone-id-filter": [args.hostedZoneId] },
        env: [{ name: "AWS_DEFAULT_REGION", value: args.region }],
        serviceAccount: { create: true, name: SERVICE_ACCOUNT, annotations: args.credentials.serviceAccountAnnotations },
        podAnnotations: args.credentials.podAnnotations,
    };
}
