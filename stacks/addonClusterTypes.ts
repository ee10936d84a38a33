// Add-on sections on a cluster type their add-on does not run on (pure). The add-on is
// skipped there whatever its section says (components/addons/plan.ts), so a section that
// turns it on is refused, and one that only configures it is reported as ignored.
import type { AnyAddon } from "../components/addons/contract";
import type { ConfigProblem } from "./configError";

export interface ClusterTypeFindings {
    problems: ConfigProblem[];
    warnings: string[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

export function addonClusterTypeFindings(values: Readonly<Record<string, unknown>>, clusterType: string, addons: readonly AnyAddon[]): ClusterTypeFindings {
    const findings: ClusterTypeFindings = { problems: [], warnings: [] };
    for (const addon of addons.filter((candidate) => !candidate.runsOn.includes(clusterType as AnyAddon["runsOn"][number]))) {
        const section = values[addon.configKey];
        if (!isObject(section) || section.enabled === false) {
            continue;
        }
        const where = `the ${addon.name} add-on runs on ${addon.runsOn.join(" and ")} clusters only, and this stack's cluster is ${clusterType}`;
        if (section.enabled === true) {
            findings.problems.push({
                key: `${addon.configKey}.enabled`,
                message: `is true, but ${where}: set it to false or remove the ${addon.configKey} section`,
            });
        } else {
            findings.warnings.push(`${addon.configKey}: ignored, since ${where}`);
        }
    }
    return findings;
}
