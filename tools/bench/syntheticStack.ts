// A stack with more applications, for measuring what each added app costs: the stack's own
// apps plus <count> clones of its first app (names and host-specific fields made unique).
import type { StackFile } from "../../offline/stackFile";

/** The `<project>:apps` config with `count` clones of the first app appended. */
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
    return { [key]: JSON.stringify([...apps, ...clones]) };
}
