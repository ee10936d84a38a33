// Starts the real control plane (etcd, kube-apiserver, kube-controller-manager,
// kube-scheduler and kwok with one fake node) through the Go harness that build.sh builds,
// and stops it. The harness stops by itself when its stdin closes, so a crashed test run
// leaves nothing behind.
import { ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface ControlPlane {
    kubeconfig: string;
    stop(): Promise<void>;
}

/** The directory build.sh printed: bin/ with every binary, and kwok-stages.yaml. */
export function clusterAssets(): string | undefined {
    return process.env.PLATFORM_CLUSTER_ASSETS || undefined;
}

export async function startControlPlane(assets: string): Promise<ControlPlane> {
    const dir = mkdtempSync(join(tmpdir(), "platform-cluster-"));
    const child = spawn(
        join(assets, "bin", "cluster-harness"),
        ["--assets", join(assets, "bin"), "--dir", dir, "--kwok-stages", join(assets, "kwok-stages.yaml")],
        {
            stdio: ["pipe", "pipe", "pipe"],
        },
    );
    let errors = "";
    child.stderr!.on("data", (chunk: Buffer) => {
        errors = (errors + chunk.toString()).slice(-4000);
    });
    const kubeconfig = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout!.on("data", (chunk: Buffer) => {
            out += chunk.toString();
            const ready = /^ready (.+)$/m.exec(out);
            if (ready) {
                resolve(ready[1]);
            }
        });
        child.on("exit", (code) => reject(new Error(`the control plane did not start (exit ${code}):\n${errors}`)));
    });
    return { kubeconfig, stop: () => stop(child) };
}

function stop(child: ChildProcess): Promise<void> {
    return new Promise((resolve) => {
        if (child.exitCode !== null) {
            resolve();
            return;
        }
        child.on("exit", () => resolve());
        child.stdin!.end();
    });
}
