// The KEDA add-on: scaling on the apps' own metrics. An app that declares
// autoscaling.metrics (Prometheus queries with a target per pod) gets a ScaledObject instead
// of a plain HPA; KEDA then owns the app's HPA, with the same bounds and CPU/memory targets
// plus the Prometheus triggers. It hands the workloads the CRDs' release and the address of
// the Prometheus server the triggers query (from the monitoring add-on).
import { defineAddon } from "../contract";
import { helmAddonPlacement } from "../helmAddon";
import { KEDA_CHART } from "./charts";
import { keda } from "./config";
import { Keda } from "./keda";

const res = (requests: [string, string], limits: [string, string]) => ({
    requests: { cpu: requests[0], memory: requests[1] },
    limits: { cpu: limits[0], memory: limits[1] },
});

/** kind: a dev stack's few ScaledObjects, within the memory budget of docs/kind.md; the limits stay the chart's. */
const KIND_RESOURCES = {
    operator: res(["50m", "64Mi"], ["1", "1000Mi"]),
    metricServer: res(["50m", "64Mi"], ["1", "1000Mi"]),
    webhooks: res(["20m", "32Mi"], ["1", "1000Mi"]),
};

export const kedaAddon = defineAddon({
    name: "keda",
    configKey: "keda",
    schema: keda,
    runsOn: ["kind", "existing", "eks"],
    enabled: (section) => section.enabled,
    // Restricted: the chart's defaults run every component non-root, read-only, without capabilities or host access.
    namespace: { key: "keda", defaultName: "keda", podSecurity: "restricted" },
    charts: [KEDA_CHART],
    models: { "keda.sh": "@kubernetes-models/keda" },
    uses: ["prometheusOperatorCrds", "prometheusQuery"],
    provides: ["scaledObjects"],
    deploy: ({ settings, namespace, deployed, provider, capabilities, parent }) => {
        const { apps } = deployed;
        const component = new Keda(
            "keda",
            {
                ...helmAddonPlacement({ namespace, provider, capabilities }),
                environment: settings.environment,
                scaledHpas: apps
                    .filter((app) => app.autoscaling.metrics !== undefined)
                    .map((app) => ({ namespace: app.namespace ?? settings.namespaces.apps, name: app.name })),
                resources: settings.cluster.type === "kind" ? KIND_RESOURCES : undefined,
            },
            { parent },
        );
        return { capabilities: { scaledObjects: { crds: component.release, prometheusUrl: capabilities.get("prometheusQuery")?.url } } };
    },
});
