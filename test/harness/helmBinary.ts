// The helm binary the chart tests render with: the one test/cluster/build.sh built, or helm on the PATH.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

export function findHelm(): string | undefined {
    const built = process.env.PLATFORM_CLUSTER_ASSETS && join(process.env.PLATFORM_CLUSTER_ASSETS, "bin", "helm");
    if (built && existsSync(built)) {
        return built;
    }
    try {
        return execFileSync("sh", ["-c", "command -v helm"], { encoding: "utf8" }).trim() || undefined;
    } catch {
        return undefined;
    }
}
