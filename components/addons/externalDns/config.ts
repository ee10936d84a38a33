// Schema of the externalDns section (EKS stacks): the Route 53 hosted zone of the domain.
import * as v from "valibot";

import { object, withDefault, type PathIssue } from "../../../stacks/schema/base";
import type { CoreSettings } from "../../../stacks/schema/core";

export const externalDns = object({
    /** Off unless the stack turns it on (the default stacks do). */
    enabled: withDefault(v.boolean(), false),
    /** The public Route 53 hosted zone of gateway.domain (e.g. Z0123456789ABCDEFGHIJ); required. */
    hostedZoneId: v.optional(v.pipe(v.string(), v.regex(/^Z[A-Z0-9]{1,31}$/, "must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ"))),
});

export type ExternalDnsConfig = v.InferOutput<typeof externalDns>;

export function externalDnsIssues(section: ExternalDnsConfig, settings: CoreSettings): PathIssue[] {
    return section.hostedZoneId === undefined
        ? [
              {
                  path: ["externalDns", "hostedZoneId"],
                  message: `is required on an ${settings.cluster.type} cluster: the id of the public Route 53 hosted zone of gateway.domain (aws route53 list-hosted-zones-by-name)`,
              },
          ]
        : [];
}
