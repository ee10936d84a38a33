// ExternalDNS's IAM policy, scoped to the one hosted zone: the upstream policy
// (external-dns v0.21.0 docs/tutorials/aws.md:13-37) grants the record actions on
// hostedzone/*; here only on the configured zone. ListHostedZones has no resource-level
// permission and stays on *: ExternalDNS lists zones and then keeps those --zone-id-filter names.
export function externalDnsPolicy(hostedZoneId: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Action: ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets", "route53:ListTagsForResources"],
                Resource: [`arn:aws:route53:::hostedzone/${hostedZoneId}`],
            },
            { Effect: "Allow", Action: ["route53:ListHostedZones"], Resource: ["*"] },
        ],
    });
}
