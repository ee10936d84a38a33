// The KEDA add-on: scaling on the apps' own metrics. An app that declares
// autoscaling.metrics (Prometheus queries with a target per pod) gets a ScaledObject instead
// of a plain HPA; KEDA then owns the app's HPA, with the same bounds and CPU/memory targets
// plus the Prometheus triggers. It hands the workloads the CRDs' release and the address of
// the Prometheus server the triggers query (from the monitoring add-on).
import { deployedWorkloads } from "../../workloads/deployed";
import { defineAddon } from "../contract";
import { KEDA_CHART } from "./charts";
import { keda } from "./config";
import { Keda } from "./keda";

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
    deploy: ({ settings, namespace, heldBack, provider, capabilities, parent }) => {
        const { apps } = deployedWorkloads(settings, heldBack);
        const component = new Keda(
            "keda",
            {
                environment: settings.environment,
                namespace: namespace!,
                scaledHpas: apps.filter((app) => app.autoscaling.metrics !== undefined).map((app) => ({ namespace: app.namespace ?? settings.namespaces.apps, name: app.name })),
                prometheusOperatorCrds: capabilities.get("prometheusOperatorCrds"),
                provider,
            },
            { parent },
        );
        return { capabilities: { scaledObjects: { crds: component.release, prometheusUrl: capabilities.get("prometheusQuery")?.url } } };
    },
});
