// The plan's report for a terminal: what was planned, grouped by component and kind, what an
// `up` would replace (against a previous plan), warnings, assumptions, the estimated cost,
// and every violation naming its check, object and field.
import type { MemoryRequests } from "../capacity/memoryRequests";
import { formatBytes } from "../capacity/podFootprint";
import type { CostReport } from "../cost/estimate";
import type { PlanDiff } from "./diff";
import type { PlanResource } from "./planResource";
import { unprotectCommand } from "./protectedDeletions";
import type { Violation } from "./violation";

export interface PlanReport {
    project: string;
    stack: string;
    resources: readonly PlanResource[];
    manifestCount: number;
    policyCount: number;
    warnings: readonly string[];
    /** What the plan takes for granted about the world it cannot read offline. */
    assumptions?: readonly string[];
    violations: readonly Violation[];
    cost?: CostReport;
    /** What the pods request together (kind stacks: they share the worker's, the Docker engine's, memory). */
    memory?: MemoryRequests;
    /** The difference from a previous plan (--against). */
    diff?: PlanDiff;
    files: readonly string[];
}

const ROOT = "(stack root)";

export function formatReport(report: PlanReport): string {
    return [
        `Offline plan of stack '${report.stack}' (project '${report.project}')`,
        "",
        `Planned ${report.resources.length} resources, by component (kinds of its children):`,
        ...componentLines(report.resources),
        "",
        ...replacementLines(report.diff),
        ...listSection("Warnings", report.warnings),
        ...listSection("Assumed", report.assumptions ?? []),
        `Checked ${report.manifestCount} Kubernetes objects against the upstream schemas and ${report.resources.length} resources against ${report.policyCount} policies.`,
        ...listSection("Violations", report.violations.map(formatViolation)),
        ...(report.cost ? [`Estimated cost: ${report.cost.summary}.`] : []),
        ...(report.memory ? [memoryLine(report.memory)] : []),
        `Wrote ${report.files.join(", ")}`,
        report.violations.length === 0
            ? "Plan OK: no violations."
            : `Plan FAILED: ${report.violations.length} violation${report.violations.length === 1 ? "" : "s"}.`,
    ].join("\n");
}

/** The total, with what it leaves out. */
export function memoryLine(memory: MemoryRequests): string {
    const pods = memory.pods.reduce((sum, pod) => sum + pod.replicas, 0);
    const unknown = memory.unknown.length > 0 ? `; not counted: ${memory.unknown.join(", ")}` : "";
    return `Memory requests: ${formatBytes(memory.totalBytes)} for the platform's ${pods} pods, out of the memory Docker gives kind (kind's own pods not counted${unknown}).`;
}

export function formatViolation(violation: Violation): string {
    return `[${violation.check}] ${violation.object}: ${violation.message}`;
}

/** Counts in first-seen order, which follows registration order. */
export function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const item of items) {
        const key = keyOf(item);
        counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
}

/** The last segment of a type token: `kubernetes:apps/v1:Deployment` → `Deployment`. */
const shortType = (type: string) => (type.startsWith("pulumi:providers:") ? `Provider(${type.slice(17)})` : type.split(":").pop()!.split("/").pop()!);

function componentLines(resources: readonly PlanResource[]): string[] {
    const byParent = new Map<string, PlanResource[]>();
    for (const resource of resources) {
        const parent = resource.parent ?? ROOT;
        byParent.set(parent, [...(byParent.get(parent) ?? []), resource]);
    }
    const label = (key: string) => {
        if (key === ROOT) {
            return ROOT;
        }
        const separator = key.lastIndexOf("::");
        return `${key.slice(separator + 2)} (${shortType(key.slice(0, separator))})`;
    };
    const rows = [...byParent].map(([parent, children]) => [
        label(parent),
        [...countBy(children, (child) => shortType(child.type))].map(([kind, count]) => `${kind} ${count}`).join(", "),
    ]);
    const width = Math.max(0, ...rows.map(([name]) => name.length));
    return rows.map(([name, kinds]) => `  ${name.padEnd(width)}  ${kinds}`);
}

function replacementLines(diff: PlanDiff | undefined): string[] {
    if (!diff) {
        return ["Replacements: not known without a previous plan (--against <dir>).", ""];
    }
    const replaced = diff.changed.filter((change) => change.replaced);
    const head = `Against the previous plan: ${diff.added.length} to add, ${diff.changed.length} to change, ${diff.removed.length} to remove (diff.md).`;
    const blocked = listSection(
        'Protected, which the change deletes: pulumi up refuses until each is unprotected (docs/operations.md, "Remove an app")',
        diff.protectedDeletions.map((deletion) => `${deletion.key} (${deletion.reason}): ${unprotectCommand(deletion, diff.stack!)}`),
    );
    if (replaced.length === 0) {
        return [head, "Nothing would be replaced.", "", ...blocked];
    }
    return [
        head,
        ...blocked,
        ...listSection(
            "Would replace",
            replaced.map(
                (change) =>
                    `${change.key}: ${change.replaced!.byProvider ? `its provider is replaced` : `${change.replaced!.paths.join(", ")} changed`}${change.replaced!.loses ? ` (${change.replaced!.loses})` : ""}`,
            ),
        ),
    ];
}

function listSection(title: string, lines: readonly string[]): string[] {
    return lines.length === 0 ? [] : [`${title} (${lines.length}):`, ...lines.map((line) => `  - ${line}`), ""];
}
