// A content hash of a ConfigMap's data. Written into the pod template, it makes every
// change of the data roll the Deployment: no restart controller needed.
import { createHash } from "node:crypto";

export const CONFIG_HASH_ANNOTATION = "platform.k8s-app-platform.io/config-hash";

export function configHash(data: Record<string, string>): string {
    const canonical = JSON.stringify(
        Object.keys(data)
            .sort()
            .map((key) => [key, data[key]]),
    );
    return createHash("sha256").update(canonical).digest("hex").slice(0, 16);
}
