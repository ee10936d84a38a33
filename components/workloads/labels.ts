// Labels every workload object carries: `app` and `env` (what dashboards, policies and
// the seed tooling select on) plus the recommended `app.kubernetes.io/*` set.

export const PART_OF = "k8s-app-platform";

/** The immutable selector of a workload's pods: only labels that never change. */
export function selectorLabels(app: string, env: string): Record<string, string> {
    return { app, env };
}

export function workloadLabels(app: string, env: string, component: string): Record<string, string> {
    return {
        ...selectorLabels(app, env),
        "app.kubernetes.io/name": app,
        "app.kubernetes.io/instance": `${app}-${env}`,
        "app.kubernetes.io/component": component,
        "app.kubernetes.io/part-of": PART_OF,
        "app.kubernetes.io/managed-by": "pulumi",
    };
}
