// Values of the flux2 chart: the source, kustomize, helm and notification controllers
// (image automation is not used and stays off), locked down to impersonation, and a PodMonitor for the controllers'
// metrics when the monitoring stack, which installs the PodMonitor CRD, is there.
// Every key exists in the pinned chart's values.yaml; test/chartValues.test.ts checks it.

export interface FluxValuesOptions {
    /** The PodMonitor CRD is installed (kube-prometheus-stack is part of the stack). */
    podMonitor: boolean;
}

export function fluxValues(options: FluxValuesOptions): Record<string, unknown> {
    return {
        imageAutomationController: { create: false },
        imageReflectionController: { create: false },
        prometheus: { podMonitor: { create: options.podMonitor } },
        // Multi-tenancy lockdown: kustomize- and helm-controller lose their cluster-admin binding and may
        // only impersonate service accounts; a Flux object without spec.serviceAccountName runs as its
        // namespace's `default` account, which has no rights (flux2 2.18.3 templates/cluster-reconciler-*.yaml,
        // kustomize-controller.yaml:42-45).
        multitenancy: { enabled: true, privileged: false },
    };
}
