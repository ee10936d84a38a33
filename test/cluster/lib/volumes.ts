// Stands in for a volume provisioner: the bare control plane has none (kind ships
// local-path, EKS the EBS CSI driver), so a claim waiting for one gets a hostPath volume of
// its size and storage class, bound to it, and its pods schedule as they would on a cluster.
import type { KubeApi, KubeObject } from "./kubeApi";

export async function bindPendingClaims(api: KubeApi): Promise<void> {
    for (const claim of await api.list("v1", "PersistentVolumeClaim")) {
        if ((claim.status as { phase?: string } | undefined)?.phase !== "Pending" || (claim.spec as { volumeName?: string }).volumeName) {
            continue;
        }
        await api.apply(volumeFor(claim));
    }
}

function volumeFor(claim: KubeObject): KubeObject {
    const spec = claim.spec as { storageClassName?: string; accessModes?: string[]; resources?: { requests?: { storage?: string } } };
    const name = `pv-${claim.metadata.namespace}-${claim.metadata.name}`.slice(0, 253);
    return {
        apiVersion: "v1",
        kind: "PersistentVolume",
        metadata: { name, labels: { "platform.test/stand-in": "true" } },
        spec: {
            capacity: { storage: spec.resources?.requests?.storage ?? "1Gi" },
            accessModes: spec.accessModes ?? ["ReadWriteOnce"],
            storageClassName: spec.storageClassName ?? "",
            persistentVolumeReclaimPolicy: "Retain",
            hostPath: { path: `/tmp/${name}` },
            claimRef: { namespace: claim.metadata.namespace, name: claim.metadata.name },
        },
    };
}

/** Removes the stand-in volumes once their claims are gone (Retain: nothing deletes them by itself). */
export async function deleteStandInVolumes(api: KubeApi): Promise<number> {
    const volumes = (await api.list("v1", "PersistentVolume")).filter(
        (volume) => (volume.metadata.labels as Record<string, string> | undefined)?.["platform.test/stand-in"] === "true",
    );
    for (const volume of volumes) {
        await api.delete(volume);
    }
    return volumes.length;
}
