// Schema of the admissionPolicy section: Kyverno and the platform's policies for whatever
// reaches the API server outside Pulumi (Flux, kubectl), reporting (Audit) or refusing
// (Enforce) what breaks them.
import * as v from "valibot";

import { object, oneOf, withDefault } from "../../../stacks/schema/base";
import { dnsLabel } from "../../../stacks/schema/primitives";

export const admissionPolicy = object({
    /** Install Kyverno and the platform's policies. */
    enabled: withDefault(v.boolean(), true),
    /** Audit: violations are reported (policy reports, metrics); Enforce: the API server refuses them. */
    action: withDefault(oneOf(["Audit", "Enforce"]), "Audit"),
    /** Namespaces, besides the system and platform ones, the policies leave alone. */
    exemptNamespaces: withDefault(v.array(dnsLabel), []),
});

export type AdmissionPolicyConfig = v.InferOutput<typeof admissionPolicy>;
