// What changes between two offline plans of a stack (pure): resources added, removed and
// changed (with the changed input paths; secrets are "[secret]" on both sides, so their
// values never show), the changes that replace a resource, the monthly cost delta, and a
// unified diff of the rendered manifests. Renamed resources pair up through their aliases.
import { createTwoFilesPatch } from "diff";

import type { CostReport } from "../cost/estimate";
import { resourceKey, type PlanResource } from "./planResource";
import { protectedDeletions, unprotectCommand, type ProtectedDeletion, type StackIdentity } from "./protectedDeletions";
import { replacement } from "./replacements";

export interface PlanSnapshot {
    resources: readonly PlanResource[];
    manifestsYaml: string;
    cost?: CostReport;
}

export interface ResourceChange {
    key: string;
    /** The former `type::name` of a renamed resource. */
    formerKey?: string;
    /** Changed input paths (and `parent`, `provider`, `dependsOn`, `protect` when those change). */
    paths: string[];
    /** Set when the change replaces the resource. */
    replaced?: { paths: string[]; loses?: string; byProvider?: string };
}

export interface PlanDiff {
    /** Protected resources the change would delete, which `pulumi up` refuses (with `where` only). */
    protectedDeletions: ProtectedDeletion[];
    /** The stack the URNs and commands name. */
    stack?: string;
    added: string[];
    removed: string[];
    changed: ResourceChange[];
    costDelta?: { monthlyUsd: number; ceilingUsd: number };
    manifestsPatch: string;
}

export function diffPlans(before: PlanSnapshot, after: PlanSnapshot, where?: StackIdentity): PlanDiff {
    const previous = new Map(before.resources.map((resource) => [resourceKey(resource), resource]));
    // Former keys of renamed resources, so a parent or dependency that was only renamed is no change.
    const renamedTo = new Map(after.resources.flatMap((resource) => (resource.aliases ?? []).map((alias): [string, string] => [alias, resourceKey(resource)])));
    const formerOf = (resource: PlanResource) => [resourceKey(resource), ...(resource.aliases ?? [])].find((key) => previous.has(key));
    const matched = new Set<string>();
    const changed: ResourceChange[] = [];
    const added: string[] = [];
    for (const resource of after.resources) {
        const former = formerOf(resource);
        if (!former) {
            added.push(resourceKey(resource));
            continue;
        }
        matched.add(former);
        const paths = changedPaths(renamedReferences(previous.get(former)!, renamedTo), resource);
        const renamed = former !== resourceKey(resource);
        if (paths.length > 0 || renamed) {
            const replaced = replacement(resource.type, paths);
            changed.push({ key: resourceKey(resource), ...(renamed ? { formerKey: former } : {}), paths, ...(replaced ? { replaced } : {}) });
        }
    }
    markProviderReplacements(changed, after.resources);
    const removed = [...previous.keys()].filter((key) => !matched.has(key));
    const replaced = changed.filter((change) => change.replaced);
    return {
        protectedDeletions: where ? protectedDeletions(before.resources, { removed, replaced, after: after.resources }, where) : [],
        ...(where ? { stack: where.stack } : {}),
        added,
        removed,
        changed,
        ...(before.cost && after.cost
            ? {
                  costDelta: {
                      monthlyUsd: round(after.cost.monthlyUsd - before.cost.monthlyUsd),
                      ceilingUsd: round(after.cost.ceilingUsd - before.cost.ceilingUsd),
                  },
              }
            : {}),
        manifestsPatch: createTwoFilesPatch("before/manifests.yaml", "after/manifests.yaml", before.manifestsYaml, after.manifestsYaml, "", "", { context: 3 }),
    };
}

const round = (usd: number) => Math.round(usd * 100) / 100;

/** A previous resource with its parent, provider and dependencies under their current names. */
function renamedReferences(resource: PlanResource, renamedTo: ReadonlyMap<string, string>): PlanResource {
    const current = (key: string) => renamedTo.get(key) ?? key;
    return {
        ...resource,
        parent: resource.parent && current(resource.parent),
        provider: resource.provider && current(resource.provider),
        dependsOn: resource.dependsOn.map(current),
    };
}

/** A replaced provider replaces every resource it manages. */
function markProviderReplacements(changed: ResourceChange[], resources: readonly PlanResource[]): void {
    const replacedProviders = new Set(changed.filter((change) => change.replaced && change.key.startsWith("pulumi:providers:")).map((change) => change.key));
    for (const resource of resources.filter((candidate) => candidate.provider && replacedProviders.has(candidate.provider))) {
        const key = resourceKey(resource);
        const existing = changed.find((change) => change.key === key);
        const replaced = { paths: [], byProvider: resource.provider! };
        if (existing) {
            existing.replaced ??= replaced;
        } else {
            changed.push({ key, paths: [], replaced });
        }
    }
}

/** Dotted paths of every leaf that differs, e.g. `spec.template.spec.containers[0].image`. */
export function changedPaths(before: PlanResource, after: PlanResource): string[] {
    const options = (resource: PlanResource) => ({
        parent: resource.parent,
        provider: resource.provider,
        dependsOn: [...resource.dependsOn].sort(),
        protect: resource.protect,
    });
    return [...leafDiff(options(before), options(after), ""), ...leafDiff(before.inputs, after.inputs, "")];
}

function leafDiff(a: unknown, b: unknown, path: string): string[] {
    if (isContainer(a) && isContainer(b) && Array.isArray(a) === Array.isArray(b)) {
        const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
        return keys.flatMap((key) => leafDiff((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], join(path, key, Array.isArray(a))));
    }
    return JSON.stringify(a) === JSON.stringify(b) ? [] : [path || "(value)"];
}

const isContainer = (value: unknown): value is object => value !== null && typeof value === "object";
const join = (path: string, key: string, index: boolean) => (index ? `${path}[${key}]` : path ? `${path}.${key}` : key);

const MAX_PATHS = 12;

export function renderDiffMarkdown(stack: string, diff: PlanDiff): string {
    const replaced = diff.changed.filter((change) => change.replaced);
    const lines = [
        `## Offline plan diff: stack \`${stack}\``,
        "",
        `${diff.added.length} to add, ${diff.changed.length} to change (${replaced.length} replaced), ${diff.removed.length} to remove.`,
        ...(diff.costDelta ? ["", `Monthly cost: ${signed(diff.costDelta.monthlyUsd)} as planned, ${signed(diff.costDelta.ceilingUsd)} at the ceiling.`] : []),
    ];
    lines.push(...protectedSection(diff));
    if (replaced.length > 0) {
        lines.push("", "### Replaced (deleted and created again)", "");
        for (const change of replaced) {
            const why = change.replaced!.byProvider
                ? `its provider ${change.replaced!.byProvider} is replaced`
                : `\`${change.replaced!.paths.join("`, `")}\` changed`;
            lines.push(`- **\`${change.key}\`**: ${why}${change.replaced!.loses ? ` — ${change.replaced!.loses}` : ""}`);
        }
    }
    lines.push(...listSection("Added", diff.added), ...listSection("Removed", diff.removed));
    const updated = diff.changed.filter((change) => !change.replaced);
    if (updated.length > 0) {
        lines.push("", "### Changed", "");
        for (const change of updated) {
            const paths = change.paths
                .slice(0, MAX_PATHS)
                .map((path) => `\`${path}\``)
                .join(", ");
            const more = change.paths.length > MAX_PATHS ? ` and ${change.paths.length - MAX_PATHS} more` : "";
            lines.push(
                `- \`${change.key}\`${change.formerKey ? ` (renamed from \`${change.formerKey}\`, an alias: no replacement)` : ""}${paths ? `: ${paths}${more}` : ""}`,
            );
        }
    }
    // Drop the patch's "=====" banner line; keep its --- and +++ headers.
    const patch = diff.manifestsPatch
        .split("\n")
        .filter((line) => !/^=+$/.test(line))
        .join("\n")
        .trim();
    lines.push("", "### Manifests", "", patch ? ["```diff", patch, "```"].join("\n") : "No change in the rendered manifests.", "");
    return lines.join("\n");
}

/** What `pulumi up` would refuse, with the command per resource (docs/operations.md, "Remove an app"). */
function protectedSection(diff: PlanDiff): string[] {
    if (diff.protectedDeletions.length === 0) {
        return [];
    }
    return [
        "",
        "### Protected: `pulumi up` stops here",
        "",
        "These resources are protected and the change deletes them; `pulumi up` refuses until each is unprotected",
        '(its data goes with it: see docs/operations.md, "Remove an app"):',
        "",
        ...diff.protectedDeletions.flatMap((deletion) => [
            `- \`${deletion.key}\` (${deletion.reason})`,
            "",
            "  ```sh",
            `  ${unprotectCommand(deletion, diff.stack!)}`,
            "  ```",
        ]),
    ];
}

function listSection(title: string, keys: readonly string[]): string[] {
    return keys.length === 0 ? [] : ["", `### ${title}`, "", ...keys.map((key) => `- \`${key}\``)];
}

const signed = (usd: number) => `${usd >= 0 ? "+" : "-"}$${Math.abs(usd).toFixed(2)}`;
