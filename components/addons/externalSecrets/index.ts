// The externalSecrets add-on (EKS): External Secrets Operator syncing AWS Secrets Manager
// secrets into Kubernetes Secrets through a ClusterSecretStore and its own read-only IAM
// role, and Reloader, which rolls an app's pods when ESO changes its Secret. Apps map
// variables to secrets with `externalSecrets` (the workloads create the ExternalSecrets
// from the `externalSecretStore` capability). An app asking for it on a stack without the
// add-on, or for a secret outside the prefix, is refused at plan time.
import { parseExternalSecretRef } from "../../../stacks/externalSecretRef";
import type { PathIssue } from "../../../stacks/schema/base";
import { defineAddon } from "../contract";
import { EXTERNAL_SECRETS_CHART, RELOADER_CHART } from "./charts";
import { externalSecrets, keyPrefixOf } from "./config";
import { RELOADER_SECRET_ANNOTATION } from "./values";

export const externalSecretsAddon = defineAddon({
    name: "externalSecrets",
    configKey: "externalSecrets",
    schema: externalSecrets,
    runsOn: ["eks"],
    enabled: (section) => section.enabled,
    // Restricted: the controller, webhook and cert controller run non-root, read-only, without capabilities
    // (external-secrets/external-secrets@helm-chart-2.9.0:deploy/charts/external-secrets/values.yaml:271-285,728-742,940-954);
    // Reloader gets the same (values.ts).
    namespace: { key: "externalSecrets", defaultName: "external-secrets", podSecurity: "restricted" },
    charts: [EXTERNAL_SECRETS_CHART, RELOADER_CHART],
    models: { "external-secrets.io": "@kubernetes-models/external-secrets" },
    // The model package is generated from ESO v0.16.2: the v2.9.0 CRD schemas are checked too.
    crdSchemas: {
        "external-secrets.io/ExternalSecret": "external-secrets.io_externalsecrets",
        "external-secrets.io/ClusterSecretStore": "external-secrets.io_clustersecretstores",
    },
    settingsIssues: (section, settings, active) =>
        settings.apps.flatMap((app, index) =>
            Object.entries(app.externalSecrets).flatMap(([envVar, text]): PathIssue[] => {
                const path = ["apps", index, "externalSecrets", envVar];
                if (!active) {
                    return [
                        {
                            path,
                            message: `needs the externalSecrets add-on, which ${settings.cluster.type === "eks" ? "is off (externalSecrets.enabled)" : `does not run on ${settings.cluster.type} clusters`}; use secretEnv here`,
                        },
                    ];
                }
                const prefix = keyPrefixOf(section, settings.environment);
                const { key } = parseExternalSecretRef(text);
                return key.startsWith(prefix)
                    ? []
                    : [{ path, message: `'${key}' is outside the secrets the store may read (names starting with '${prefix}', externalSecrets.keyPrefix)` }];
            }),
        ),
    provides: ["externalSecretStore"],
    deploy: ({ config, settings, namespace, cluster, provider, tags, parent }) => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: keeps the AWS SDKs off the dev path
        const { ExternalSecrets } = require("./externalSecrets") as typeof import("./externalSecrets");
        const appNamespaces = [
            ...new Set(settings.apps.filter((app) => Object.keys(app.externalSecrets).length > 0).map((app) => app.namespace ?? settings.namespaces.apps)),
        ];
        const component = new ExternalSecrets(
            "external-secrets",
            {
                namespace,
                environment: settings.environment,
                keyPrefix: keyPrefixOf(config, settings.environment),
                kmsKeyArn: config.kmsKeyArn,
                appNamespaces,
                workloadIdentity: cluster.workloadIdentity,
                resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
                tags,
                provider,
            },
            { parent, dependsOn: [namespace.resource] },
        );
        return {
            capabilities: {
                externalSecretStore: {
                    storeRef: { kind: "ClusterSecretStore", name: component.store.metadata.name },
                    keyPrefix: keyPrefixOf(config, settings.environment),
                    refreshInterval: config.refreshInterval,
                    ready: [component.release, component.store, ...(component.reloader ? [component.reloader] : [])],
                    rolloutAnnotation: RELOADER_SECRET_ANNOTATION,
                },
            },
            outputs: { externalSecrets: { store: component.store.metadata.name, keyPrefix: keyPrefixOf(config, settings.environment) } },
        };
    },
});
