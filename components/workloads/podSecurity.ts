// The restricted Pod Security Standard, applied to every workload: non-root, no
// privilege escalation, no capabilities, RuntimeDefault seccomp, read-only root
// filesystem. Paths an app must write to get their own emptyDir volume.
import type * as k8s from "@pulumi/kubernetes";

import { scratchVolumeName, TMP_PATH } from "../../stacks/scratchVolumes";

type PodSecurityContext = k8s.types.input.core.v1.PodSecurityContext;
type SecurityContext = k8s.types.input.core.v1.SecurityContext;
type Volume = k8s.types.input.core.v1.Volume;
type VolumeMount = k8s.types.input.core.v1.VolumeMount;

export function podSecurityContext(runAsUser: number): PodSecurityContext {
    return {
        runAsNonRoot: true,
        runAsUser,
        runAsGroup: runAsUser,
        fsGroup: runAsUser,
        seccompProfile: { type: "RuntimeDefault" },
    };
}

export function containerSecurityContext(): SecurityContext {
    return {
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        capabilities: { drop: ["ALL"] },
        seccompProfile: { type: "RuntimeDefault" },
    };
}

/** `/tmp` plus the app's declared paths, each an emptyDir, so a read-only root still works. */
export function writableScratch(paths: readonly string[]): { volumes: Volume[]; volumeMounts: VolumeMount[] } {
    const unique = [...new Set([TMP_PATH, ...paths])];
    const named = unique.map((mountPath) => ({ mountPath, name: scratchVolumeName(mountPath) }));
    return {
        volumes: named.map(({ name }) => ({ name, emptyDir: {} })),
        volumeMounts: named.map(({ name, mountPath }) => ({ name, mountPath })),
    };
}
