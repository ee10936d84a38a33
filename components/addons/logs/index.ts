// The logs add-on: Loki stores every pod's log lines, Grafana Alloy (a DaemonSet reading
// them through the Kubernetes API) ships them, and Grafana queries them through the Loki
// data source it gets from the `logStore` capability (the monitoring add-on adds it to the
// data sources its chart provisions, and a logs panel to the app dashboard).
import { EKS_STORAGE_CLASS } from "../../cluster/storageClass";
import { defineAddon } from "../contract";
import { ALLOY_CHART, LOKI_CHART } from "./charts";
import { logs } from "./config";
import { Logs } from "./logs";

const res = (requests: [string, string], limits: [string, string]) => ({
    requests: { cpu: requests[0], memory: requests[1] },
    limits: { cpu: limits[0], memory: limits[1] },
});

export const logsAddon = defineAddon({
    name: "logs",
    configKey: "logs",
    schema: logs,
    runsOn: ["kind", "existing", "eks"],
    enabled: (section) => section.enabled,
    // Restricted: Loki's chart sets a restricted security context (grafana-community/helm-charts@loki-18.11.0
    // charts/loki/values.yaml:275-292), Alloy gets one (alloyValues.ts) and reads logs through the API, not hostPath.
    namespace: { key: "logs", defaultName: "logging", podSecurity: "restricted" },
    charts: [LOKI_CHART, ALLOY_CHART],
    provides: ["logStore"],
    deploy: ({ config, settings, namespace, cluster, provider, tags, parent }) => {
        const eks = settings.cluster.type === "eks";
        const component = new Logs(
            "logs",
            {
                namespace,
                environment: settings.environment,
                retentionDays: config.retentionDays,
                volume: { size: config.storageSize, storageClassName: eks ? EKS_STORAGE_CLASS : undefined },
                // Elsewhere than EKS, sized for a dev stack's few pods (the kind budget in docs/kind.md).
                lokiResources: config.lokiResources ?? (eks ? res(["500m", "1Gi"], ["2", "4Gi"]) : res(["100m", "128Mi"], ["1", "1Gi"])),
                alloyResources: eks ? res(["100m", "256Mi"], ["1", "1Gi"]) : res(["50m", "96Mi"], ["500m", "512Mi"]),
                s3: cluster.clusterType === "eks" ? { workloadIdentity: cluster.workloadIdentity, protect: cluster.config.protect, tags } : undefined,
                provider,
                clusterReady: cluster.readiness ?? [],
            },
            { parent, dependsOn: [namespace.resource] },
        );
        return {
            capabilities: { logStore: { datasource: { name: "Loki", type: "loki", uid: "loki", url: component.url } } },
            outputs: { logsAccess: `Grafana > Explore > data source Loki, e.g. {namespace="${settings.namespaces.apps}", app="<app>"}` },
        };
    },
});
