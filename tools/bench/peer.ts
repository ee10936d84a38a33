// The peer the prod plan is measured against: AWS CDK EKS Blueprints, installed from the npm
// registry into a cache directory the first time (never into the project), and its app
// (peer/blueprints.cjs) synthesising a comparable platform offline.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

export const PEER_PACKAGES = ["@aws-quickstart/eks-blueprints@1.19.0", "aws-cdk-lib@2.261.0", "constructs@10.6.0"] as const;
export const PEER_APP = join(__dirname, "peer", "blueprints.cjs");

/** The peer's node_modules, installed if missing (about 520 MB, 20 s); undefined when it cannot be installed. */
export function peerModules(cacheDir: string, log: (text: string) => void): string | undefined {
    const modules = join(cacheDir, "node_modules");
    if (existsSync(join(modules, "@aws-quickstart", "eks-blueprints", "package.json"))) {
        return modules;
    }
    log(`installing the peer (${PEER_PACKAGES.join(", ")}) into ${cacheDir}, once ...`);
    // --ignore-scripts: bcrypt's native build is not needed to synthesise.
    const install = spawnSync("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--ignore-scripts", "--prefix", cacheDir, ...PEER_PACKAGES], {
        encoding: "utf8",
        stdio: ["ignore", "ignore", "pipe"],
    });
    if (install.status !== 0) {
        log(`the peer could not be installed: ${install.stderr.trim().split("\n").pop()}`);
        return undefined;
    }
    return modules;
}
