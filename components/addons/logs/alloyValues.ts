// Values of the Alloy chart (1.11.1, Alloy v1.18.1): a DaemonSet running the pipeline of
// alloyConfig.ts under the restricted Pod Security profile. The image runs as root unless
// told otherwise and defines the non-root user 473 (grafana/alloy@v1.18.1
// docs/sources/configure/kubernetes/access_permissions/kubernetes.md:16-22,38-84), and the
// chart sets no security context (values.yaml:25,134): both are set here, with an emptyDir
// for Alloy's storage path since the root filesystem is read-only. No hostPath mount
// (alloy.mounts.varlog stays false): logs come through the API. RBAC is cut down to what
// discovery and loki.source.kubernetes read (the chart's default also reads every Secret
// and ConfigMap in the cluster, values.yaml:175-229).
import type { ResourcesConfig } from "../../../stacks/schema/workloads";

export const ALLOY_RELEASE = "alloy";
const ALLOY_UID = 473;
const DATA_PATH = "/var/lib/alloy/data";

export interface AlloyOptions {
    readonly config: string;
    readonly resources: ResourcesConfig;
}

export const RESTRICTED_CONTAINER = {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    runAsUser: ALLOY_UID,
    runAsGroup: ALLOY_UID,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
};

export function alloyValues(options: AlloyOptions): Record<string, unknown> {
    return {
        global: {
            podSecurityContext: {
                runAsNonRoot: true,
                runAsUser: ALLOY_UID,
                runAsGroup: ALLOY_UID,
                fsGroup: ALLOY_UID,
                seccompProfile: { type: "RuntimeDefault" },
            },
        },
        // The PodLogs CRD is for loki.source.podlogs, which the pipeline does not use.
        crds: { create: false },
        alloy: {
            configMap: { create: true, content: options.config },
            storagePath: DATA_PATH,
            enableReporting: false,
            mounts: { varlog: false, dockercontainers: false, extra: [{ name: "data", mountPath: DATA_PATH }] },
            securityContext: RESTRICTED_CONTAINER,
            resources: { requests: { ...options.resources.requests }, limits: { ...options.resources.limits } },
        },
        configReloader: { resources: { requests: { cpu: "10m", memory: "50Mi" }, limits: { cpu: "100m", memory: "100Mi" } } },
        controller: { type: "daemonset", volumes: { extra: [{ name: "data", emptyDir: {} }] } },
        // The chart writes one ClusterRole from `rules` then `clusterRules`, each through
        // toYaml under `rules:` (templates/rbac.yaml:46-49 at helm-chart/1.11.1): an empty
        // list there renders a bare `[]` after list items, YAML Helm cannot parse. Both lists
        // stay non-empty: namespaced reads in `rules`, the cluster-scoped one in `clusterRules`.
        rbac: {
            create: true,
            // discovery.kubernetes (role pod) and loki.source.kubernetes: pods and their logs.
            rules: [{ apiGroups: [""], resources: ["pods", "pods/log"], verbs: ["get", "list", "watch"] }],
            // loki.source.kubernetes reads each pod's namespace (cluster-scoped).
            clusterRules: [{ apiGroups: [""], resources: ["namespaces"], verbs: ["get", "list", "watch"] }],
        },
    };
}
