// Naming of the emptyDir volumes that make paths of a read-only root filesystem writable
// (pure): one rule for the components that mount them and for the config checks that
// refuse two paths whose volumes would collide.

/** Always writable, whatever the workload lists. */
export const TMP_PATH = "/tmp";

/** The volume name of a writable path, a DNS-1123 label (volume names must be one). */
export function scratchVolumeName(mountPath: string): string {
    const slug = mountPath
        .replace(/[^a-z0-9]+/gi, "-")
        .replace(/^-|-$/g, "")
        .toLowerCase();
    return `scratch-${slug || "root"}`.slice(0, 63).replace(/-$/, "");
}

/** A path as the container sees it: no trailing slash, no repeated slashes. */
export function normalizedPath(path: string): string {
    return path.replace(/\/+/g, "/").replace(/(.)\/$/, "$1");
}
