// Namespaces Kubernetes itself owns: `default` and every `kube-*` one (kube-system,
// kube-public, kube-node-lease). Labelling one restricted, denying its traffic or opening a
// secret store to it would break or expose the cluster's own components.

export function isSystemNamespace(name: string): boolean {
    return name === "default" || name.startsWith("kube-");
}
