// Whether `pulumi up` waits for Flux objects to become ready: it does not. The
// Kubernetes provider leaves custom resources un-awaited by default, but with
// PULUMI_K8S_AWAIT_ALL=true it would wait for their Ready condition, and a GitRepository
// only becomes Ready once Flux can fetch the repository: an unreachable URL, a deploy key
// not yet added or a missing branch would hang `up` until its timeout. Flux reports that
// state itself (`flux get sources git`, `kubectl get gitrepositories,kustomizations`).
// Deletion is still awaited (the provider honours skipAwait on delete only for
// Deployments, DaemonSets, StatefulSets, Pods and Namespaces), so Flux's finalizers run
// before `destroy` uninstalls the controllers.

export const SKIP_AWAIT_ANNOTATIONS: Readonly<Record<string, string>> = { "pulumi.com/skipAwait": "true" };
