// Which namespaces the GitOps tree owns: the teams' when the stack declares teams,
// otherwise `gitops.kustomization.namespaces`; application namespaces only. The system's
// and the add-ons' (monitoring, the Flux namespace itself, ...) stay out of Flux's reach.
import type { PathIssue } from "../../../stacks/schema/base";
import type { CoreSettings } from "../../../stacks/schema/core";
import { isSystemNamespace } from "../../../stacks/systemNamespaces";

/** The namespaces Flux's service account is bound in: every team's, once teams are declared. */
export function gitopsNamespaces(kustomizationNamespaces: readonly string[], settings: CoreSettings): readonly string[] {
    return settings.teams.length > 0 ? [...new Set(settings.teams.flatMap((team) => team.namespaces))] : kustomizationNamespaces;
}

export function ownedNamespaceIssues(namespaces: readonly string[], settings: CoreSettings): PathIssue[] {
    const addonNamespaces = new Map(
        Object.entries(settings.namespaces)
            .filter(([key]) => key !== "apps")
            .map(([key, name]) => [name, key]),
    );
    // With teams, the list is not used: the teams' namespaces are checked as theirs.
    if (settings.teams.length > 0) {
        return [];
    }
    return namespaces.flatMap((name, index): PathIssue[] => {
        const path = ["gitops", "kustomization", "namespaces", index];
        if (isSystemNamespace(name)) {
            return [{ path, message: `'${name}' belongs to Kubernetes itself; the GitOps tree may own application namespaces only` }];
        }
        const key = addonNamespaces.get(name);
        return key ? [{ path, message: `'${name}' is the ${key} namespace (namespaces.${key}); the GitOps tree may own application namespaces only` }] : [];
    });
}
