// The kubeconfig every consumer of an EKS cluster uses: the provider, the `kubeconfig` stack
// output and kubectl in destroy-time commands.
//
// pulumi-eks 4.3.0 (nodejs/eks/cluster/cluster.ts) builds two kubeconfigs: with the profile for
// its own provider (:912) and without it for `kubeconfigJson` (:1275, :2166). The profile is only
// the `--profile <name>` pair appended to the `aws eks get-token` arguments (:232-237), which is
// also what `Cluster.getKubeconfig({ profileName })` returns (:2324-2335). Resource methods of a
// remote component cannot be evaluated under mocks, so the same pair is added here, to the
// kubeconfig the component outputs.

/** A kubeconfig (JSON) whose `aws eks get-token` commands use `profileName`; unchanged without one. */
export function kubeconfigWithProfile(kubeconfigJson: string, profileName: string | undefined): string {
    if (!profileName) {
        return kubeconfigJson;
    }
    const kubeconfig = JSON.parse(kubeconfigJson) as { users?: { user?: { exec?: { command?: string; args?: string[] } } }[] };
    for (const { user } of kubeconfig.users ?? []) {
        const exec = user?.exec;
        if (exec?.command === "aws" && exec.args?.includes("get-token") && !exec.args.includes("--profile")) {
            exec.args = [...exec.args, "--profile", profileName];
        }
    }
    return JSON.stringify(kubeconfig);
}
