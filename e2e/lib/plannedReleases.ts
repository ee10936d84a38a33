// Which Helm releases the stack declares, read from its offline plan (resources.json), so
// the suite expects what the stack's config enables rather than a list kept by hand.

interface PlannedResource {
    type: string;
    inputs: { name?: unknown };
}

export function plannedReleases(resources: readonly PlannedResource[]): string[] {
    return resources
        .filter((resource) => resource.type === "kubernetes:helm.sh/v3:Release" && typeof resource.inputs.name === "string")
        .map((resource) => resource.inputs.name as string);
}
