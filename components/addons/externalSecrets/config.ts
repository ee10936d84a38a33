// Schema of the externalSecrets section (EKS): External Secrets Operator reading AWS
// Secrets Manager through its own IAM role, limited to the secrets under one name prefix.
import * as v from "valibot";

import { object, withDefault } from "../../../stacks/schema/base";

const ARN_KMS_KEY = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;

export const externalSecrets = object({
    /** Install the operator and the store (EKS stacks only). */
    enabled: withDefault(v.boolean(), true),
    /** The only secrets the store may read: names starting with this (default `<environment>/`). */
    keyPrefix: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9/_+=.@-]{1,256}$/, "must be the start of a Secrets Manager secret name, e.g. prod/"))),
    /** The customer-managed KMS key the secrets are encrypted with, if not aws/secretsmanager: the role may decrypt with it. */
    kmsKeyArn: v.optional(v.pipe(v.string(), v.regex(ARN_KMS_KEY, "must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)"))),
    /** How often ESO reads each secret again (a changed value then rolls the app's pods). */
    refreshInterval: withDefault(v.pipe(v.string(), v.regex(/^([0-9]+(\.[0-9]+)?(s|m|h))+$/, "must be a duration such as 30m or 1h")), "1h"),
});

export type ExternalSecretsConfig = v.InferOutput<typeof externalSecrets>;

export function keyPrefixOf(config: ExternalSecretsConfig, environment: string): string {
    return config.keyPrefix ?? `${environment}/`;
}
