// An app's ExternalSecret (external-secrets.io/v1): External Secrets Operator writes the
// values its `externalSecrets` names into a Secret of the same name (`target.name`
// defaults to the ExternalSecret's), which the container's environment references key by
// key. With no template the Secret gets the ExternalSecret's labels (`app`, `env`:
// external-secrets/external-secrets@helm-chart-2.9.0:pkg/controllers/externalsecret/
// externalsecret_controller_template.go:147-151) and the operator owns it
// (creationPolicy Owner), so deleting the ExternalSecret deletes the Secret.
import { parseExternalSecretRef } from "../../stacks/externalSecretRef";

export interface ExternalSecretSpecArgs {
    /** ENV_VAR → `<secret name>[, <property>]`. */
    readonly refs: Readonly<Record<string, string>>;
    /** The secret store to read from: its kind (ClusterSecretStore) and name. */
    readonly store: { readonly kind: string; readonly name: unknown };
    /** How often the operator reads each secret again, as a Go duration such as `1h` (`externalSecrets.refreshInterval`, 1h by default in the stack config). */
    readonly refreshInterval: string;
}

export function externalSecretSpec(args: ExternalSecretSpecArgs): Record<string, unknown> {
    return {
        refreshInterval: args.refreshInterval,
        secretStoreRef: { kind: args.store.kind, name: args.store.name },
        target: { creationPolicy: "Owner", deletionPolicy: "Retain" },
        data: Object.entries(args.refs).map(([envVar, text]) => {
            const { key, property } = parseExternalSecretRef(text);
            return { secretKey: envVar, remoteRef: { key, ...(property ? { property } : {}) } };
        }),
    };
}
