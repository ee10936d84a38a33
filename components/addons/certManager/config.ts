// Schema of the certManager section: which issuer signs the Gateway's certificate, and the
// ACME account when it is Let's Encrypt.
import * as v from "valibot";

import { object, oneOf, withDefault, type PathIssue } from "../../../stacks/schema/base";
import type { CoreSettings } from "../../../stacks/schema/core";

const email = v.pipe(v.string(), v.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "must be an email address"));

export const certManager = object({
    /** Off unless the stack turns it on (the default stacks do). */
    enabled: withDefault(v.boolean(), false),
    /** `ca`: a root the stack generates (kind's default); `acme`: Let's Encrypt (EKS's default; needs a Gateway reachable from the internet). */
    issuer: v.optional(oneOf(["ca", "acme"] as const)),
    acme: withDefault(
        object({
            /** The ACME account's contact; required for the acme issuer. */
            email: v.optional(email),
            /** Let's Encrypt's staging directory (untrusted certificates, generous rate limits) or production. */
            server: withDefault(oneOf(["staging", "production"] as const), "staging"),
        }),
        {},
    ),
});

export type CertManagerConfig = v.InferOutput<typeof certManager>;

export function issuerType(section: CertManagerConfig, cluster: CoreSettings["cluster"]): "ca" | "acme" {
    return section.issuer ?? (cluster.type === "eks" ? "acme" : "ca");
}

/** Let's Encrypt's ACME directories. */
export const ACME_SERVERS = {
    staging: "https://acme-staging-v02.api.letsencrypt.org/directory",
    production: "https://acme-v02.api.letsencrypt.org/directory",
} as const;

export function certManagerIssues(section: CertManagerConfig, settings: CoreSettings): PathIssue[] {
    const type = issuerType(section, settings.cluster);
    if (type !== "acme") {
        return [];
    }
    if (settings.cluster.type === "kind") {
        return [
            { path: ["certManager", "issuer"], message: "acme cannot validate a kind cluster: Let's Encrypt must reach the Gateway from the internet; use ca" },
        ];
    }
    return section.acme.email === undefined
        ? [
              {
                  path: ["certManager", "acme", "email"],
                  message: "is required for the acme issuer: the Let's Encrypt account's contact address, e.g. platform-team@example.com",
              },
          ]
        : [];
}
