// Protected resources a change would delete (pure). `pulumi up` refuses to delete a resource
// whose state is protected (pulumi pkg v3.276.0 resource/deploy/step.go:726-736) and to replace
// one that stays protected (step_generator.go:2050-2062): removing an app's ECR repository or
// turning logs or backups off on a protected stack stops the update there. The plan names each
// such resource with its URN and the command that lets the deletion through.
import { resourceKey, type PlanResource } from "./planResource";

export interface ProtectedDeletion {
    key: string;
    urn: string;
    /** What deletes it: the program no longer declares it, or a change replaces it. */
    reason: "removed" | "replaced";
}

export interface StackIdentity {
    project: string;
    stack: string;
}

/**
 * The resource's URN: stack, project, the types of its ancestors and its own joined by `$`,
 * and its name. The root component has no recorded parent (the stack resource is left out of URNs).
 */
export function resourceUrn(resource: PlanResource, byKey: ReadonlyMap<string, PlanResource>, where: StackIdentity): string {
    const types: string[] = [];
    for (let current: PlanResource | undefined = resource; current; current = current.parent ? byKey.get(current.parent) : undefined) {
        types.unshift(current.type);
    }
    return `urn:pulumi:${where.stack}::${where.project}::${types.join("$")}::${resource.name}`;
}

export function protectedDeletions(
    before: readonly PlanResource[],
    change: { removed: readonly string[]; replaced: readonly { key: string; formerKey?: string }[]; after: readonly PlanResource[] },
    where: StackIdentity,
): ProtectedDeletion[] {
    const byKey = new Map(before.map((resource) => [resourceKey(resource), resource]));
    const stillProtected = new Set(change.after.filter((resource) => resource.protect).map(resourceKey));
    const blocked = (formerKey: string, key: string, reason: ProtectedDeletion["reason"]): ProtectedDeletion[] => {
        const previous = byKey.get(formerKey);
        // A replacement is refused only while the program still protects the resource (step_generator.go:2053-2055).
        const refused = previous?.protect && (reason === "removed" || stillProtected.has(key));
        return refused ? [{ key: formerKey, urn: resourceUrn(previous, byKey, where), reason }] : [];
    };
    return [
        ...change.removed.flatMap((key) => blocked(key, key, "removed")),
        ...change.replaced.flatMap(({ key, formerKey }) => blocked(formerKey ?? key, key, "replaced")),
    ];
}

/** The command that lifts the protection of one resource, quoted for a POSIX shell. */
export function unprotectCommand(deletion: ProtectedDeletion, stack: string): string {
    return `pulumi state unprotect -s ${stack} '${deletion.urn}'`;
}
