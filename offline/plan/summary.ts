// The plan's report for a terminal: what was registered, per component and per type,
// warnings, and every violation naming its check, object and field.
import type { PlanResource } from "./planResource";
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
    files: readonly string[];
}

const ROOT = "(stack root)";

export function formatReport(report: PlanReport): string {
    return [
        `Offline plan of stack '${report.stack}' (project '${report.project}')`,
        "",
        ...countSection(`Resources by component (${report.resources.length} resources)`, countBy(report.resources, (resource) => resource.parent ?? ROOT)),
        "",
        ...countSection("Resources by type", countBy(report.resources, (resource) => resource.type)),
        "",
        ...listSection("Warnings", report.warnings),
        ...listSection("Assumed", report.assumptions ?? []),
        `Checked ${report.manifestCount} Kubernetes objects against the upstream schemas and ${report.resources.length} resources against ${report.policyCount} policies.`,
        ...listSection("Violations", report.violations.map(formatViolation)),
        `Wrote ${report.files.join(" and ")}`,
        report.violations.length === 0 ? "Plan OK: no violations." : `Plan FAILED: ${report.violations.length} violation${report.violations.length === 1 ? "" : "s"}.`,
    ].join("\n");
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

function countSection(title: string, counts: Map<string, number>): string[] {
    const width = Math.max(0, ...[...counts.keys()].map((key) => key.length));
    return [`${title}:`, ...[...counts].map(([key, count]) => `  ${key.padEnd(width)}  ${String(count).padStart(3)}`)];
}

function listSection(title: string, lines: readonly string[]): string[] {
    return lines.length === 0 ? [] : [`${title} (${lines.length}):`, ...lines.map((line) => `  - ${line}`), ""];
}
