// The GitOps add-on: the Flux controllers (flux2 chart, with its CRDs) and, once the config
// names a repository, the GitRepository and Kustomization that keep the cluster in sync
// with the environment's path. It scrapes its controllers when the Prometheus Operator's
// CRDs are there.
import { defineAddon } from "../contract";
import { helmAddonPlacement } from "../helmAddon";
import { FLUX2_CHART } from "./charts";
import { gitops } from "./config";
import { Gitops } from "./gitops";
import { gitopsNamespaces, ownedNamespaceIssues } from "./ownedNamespaces";

export const gitopsAddon = defineAddon({
    name: "gitops",
    configKey: "gitops",
    schema: gitops,
    runsOn: ["kind", "existing", "eks"],
    enabled: (section) => section.enabled,
    // Restricted: the Flux controllers run non-root with RuntimeDefault seccomp and no capabilities.
    namespace: { key: "gitops", defaultName: "flux-system", podSecurity: "restricted" },
    // The namespaces the GitOps tree owns, once there is a tree to sync.
    appNamespaces: (section) => (section.repository ? section.kustomization.namespaces : []),
    charts: [FLUX2_CHART],
    models: { "source.toolkit.fluxcd.io": "@kubernetes-models/flux-cd", "kustomize.toolkit.fluxcd.io": "@kubernetes-models/flux-cd" },
    // Git credentials are required while GitOps is enabled; while it is off they may stay set.
    secretReferences: (section) => {
        const credentials = section.repository?.credentials;
        const at = "gitops.repository.credentials";
        const required = section.enabled;
        if (!credentials) {
            return [];
        }
        return credentials.type === "ssh"
            ? [
                  { configKey: credentials.identitySecret, usedAt: `${at}.identitySecret`, required },
                  { configKey: credentials.knownHostsSecret, usedAt: `${at}.knownHostsSecret`, required },
              ]
            : [{ configKey: credentials.passwordSecret, usedAt: `${at}.passwordSecret`, required }];
    },
    settingsIssues: (section, settings) => ownedNamespaceIssues(section.kustomization.namespaces, settings),
    uses: ["prometheusOperatorCrds"],
    provides: [],
    deploy: ({ config, settings, stack, namespace, namespaceResources, secrets, provider, capabilities, parent }) => {
        const gitops = new Gitops(
            "gitops",
            {
                ...helmAddonPlacement({ namespace, provider, capabilities }),
                config,
                environment: settings.environment,
                ownedNamespaces: gitopsNamespaces(config.kustomization.namespaces, settings),
                stack,
                secrets,
                namespaceResources,
            },
            { parent, dependsOn: [namespace.resource] },
        );
        return { capabilities: {}, outputs: { gitops: gitops.summary } };
    },
});
