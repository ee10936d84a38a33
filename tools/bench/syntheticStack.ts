// A stack with more applications, for measuring what each added app costs: the stack's own
// apps plus <count> clones of its first app (names and host-specific fields made unique).
import type { StackFile } from "../../offline/stackFile";

/**
 * The `<project>:apps` config with `count` clones of the first app appended; when the stack
 * declares teams, also `<project>:teams` with the quota of the team owning the clones'
 * namespace lifted, so the plan's quota check admits them (the clones run in the first
 * app's namespace and would overflow any real quota).
 */
export function appsWithClones(file: StackFile, count: number): Record<string, string> {
    const key = `${file.project}:apps`;
    const apps = JSON.parse(file.config[key] ?? "[]") as Record<string, unknown>[];
    if (apps.length === 0) {
        throw new Error(`stack '${file.stack}' has no app to clone`);
    }
    const clones = Array.from({ length: count }, (_, index) => {
        const clone: Record<string, unknown> = { ...apps[0], name: `extra-${index + 1}` };
        // A node port and a route host belong to one app only.
        delete clone.nodePort;
        delete clone.route;
        return clone;
    });
    return { [key]: JSON.stringify([...apps, ...clones]), ...teamsFitting(file, apps[0].namespace as string | undefined) };
}

/** A quota no number of clones reaches. */
const UNBOUNDED_QUOTA = { requestsCpu: "1000000", requestsMemory: "1000Ti", limitsCpu: "1000000", limitsMemory: "1000Ti", pods: 1_000_000_000 };

function teamsFitting(file: StackFile, namespace: string | undefined): Record<string, string> {
    const key = `${file.project}:teams`;
    const teams = JSON.parse(file.config[key] ?? "[]") as { namespaces: string[]; quota?: object }[];
    if (teams.length === 0) {
        return {};
    }
    const namespaces = JSON.parse(file.config[`${file.project}:namespaces`] ?? "{}") as { apps?: string };
    const cloned = namespace ?? namespaces.apps ?? "apps";
    return { [key]: JSON.stringify(teams.map((team) => (team.namespaces.includes(cloned) ? { ...team, quota: UNBOUNDED_QUOTA } : team))) };
}
