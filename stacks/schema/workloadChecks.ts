// Checks across the fields of one workload, for what the API server would refuse (or
// silently get wrong) once the pod spec is built: writable paths whose emptyDir volumes
// share a name or a mount path, a storage mount on a path that is already writable, an
// environment variable given twice, and a ConfigMap above the API's size limit.
import { normalizedPath, scratchVolumeName, TMP_PATH } from "../scratchVolumes";
import type { PathIssue } from "./base";

interface WorkloadFields {
    env: Record<string, string>;
    secretEnv: Record<string, string>;
    externalSecrets?: Record<string, string>;
    config?: Record<string, string>;
    writablePaths: string[];
    storage?: { mountPath: string };
}

/** ConfigMap and Secret data may hold at most 1 MiB of values (kubernetes pkg/apis/core/types.go MaxSecretSize). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export function workloadIssues(workload: WorkloadFields): PathIssue[] {
    return [...writablePathIssues(workload), ...environmentIssues(workload), ...configSizeIssues(workload.config ?? {})];
}

/**
 * Volume names must be unique in a pod and mount paths unique in a container (kubernetes
 * 1.35 pkg/apis/core/validation/validation.go:478-479 "Duplicate value", :3120-3121 "must be
 * unique"); /tmp is always writable.
 */
function writablePathIssues(workload: WorkloadFields): PathIssue[] {
    const byPath = new Map<string, string>([[TMP_PATH, "/tmp (always writable)"]]);
    const byVolume = new Map<string, string>([[scratchVolumeName(TMP_PATH), "/tmp (always writable)"]]);
    const issues: PathIssue[] = [];
    workload.writablePaths.forEach((path, index) => {
        const normalized = normalizedPath(path);
        const volume = scratchVolumeName(normalized);
        const clash = byPath.get(normalized) ?? byVolume.get(volume);
        if (clash) {
            issues.push({
                path: ["writablePaths", index],
                message: `'${path}' collides with ${clash}: both would mount the volume ${volume}; list each directory once`,
            });
        }
        byPath.set(normalized, `writablePaths[${index}] '${path}'`);
        byVolume.set(volume, `writablePaths[${index}] '${path}'`);
    });
    if (workload.storage) {
        const clash = byPath.get(normalizedPath(workload.storage.mountPath));
        if (clash) {
            issues.push({
                path: ["storage", "mountPath"],
                message: `'${workload.storage.mountPath}' is already writable as ${clash}; mount the volume on a path of its own`,
            });
        }
    }
    return issues;
}

/** A name in two of env, config, secretEnv and externalSecrets: one value silently wins (explicit env over envFrom), possibly hiding the secret. */
function environmentIssues(workload: WorkloadFields): PathIssue[] {
    const secret = new Set(Object.keys(workload.secretEnv));
    const plain = Object.keys(workload.env);
    const config = Object.keys(workload.config ?? {});
    const external = Object.keys(workload.externalSecrets ?? {});
    return [
        ...external
            .filter((name) => secret.has(name))
            .map((name) => ({
                path: ["externalSecrets", name],
                message: `is also secretEnv.${name}: one variable, two secret sources; keep it in one of them`,
            })),
        ...external
            .filter((name) => plain.includes(name) || config.includes(name))
            .map((name) => ({
                path: ["externalSecrets", name],
                message: `is also set in ${plain.includes(name) ? "env" : "config"}; one variable, two values: keep it in externalSecrets only`,
            })),
        ...plain
            .filter((name) => secret.has(name))
            .map((name) => ({ path: ["env", name], message: `shadows secretEnv.${name}: one variable, two values; keep it in secretEnv only` })),
        ...config
            .filter((name) => secret.has(name))
            .map((name) => ({ path: ["config", name], message: `shadows secretEnv.${name}: one variable, two values; keep it in secretEnv only` })),
        ...config
            .filter((name) => plain.includes(name))
            .map((name) => ({ path: ["config", name], message: `is also env.${name}; the env value would win silently: set it in one place` })),
    ];
}

function configSizeIssues(config: Record<string, string>): PathIssue[] {
    const bytes = Object.values(config).reduce((total, value) => total + Buffer.byteLength(value), 0);
    return bytes > MAX_CONFIG_BYTES ? [{ path: ["config"], message: `holds ${bytes} bytes; a ConfigMap may hold at most ${MAX_CONFIG_BYTES} (1 MiB)` }] : [];
}
