// Values of the Kyverno chart (3.9.0, Kyverno v1.19.0). Its controllers already run under
// the restricted profile (kyverno/kyverno@v1.19.0:charts/kyverno/values.yaml:1292-1350,
// 1717, 2138, 2481). On EKS the admission controller runs three replicas, and the chart
// then always adds its PodDisruptionBudget (values.yaml:1229-1232: "Will always be enabled
// if replicas > 1"), so a node drain never leaves the webhook without a server. The
// controllers' metrics are scraped through ServiceMonitors when the Prometheus Operator's
// CRDs are there (Prometheus selects every ServiceMonitor, so no release label is needed).
// Every key is in the chart's values.yaml; test/chartValues.test.ts checks it.
import type { ResourcesConfig } from "../../../stacks/schema/workloads";
import type { ReadRule } from "./reportsAccess";

export const KYVERNO_RELEASE = "kyverno";

export interface KyvernoOptions {
    readonly admissionReplicas: number;
    readonly serviceMonitors: boolean;
    readonly resources: { readonly admission: ResourcesConfig; readonly controller: ResourcesConfig };
    /** Reads the reports controller needs beyond `view` (reportsAccess.ts). */
    readonly reportsReads: readonly ReadRule[];
}

const res = (r: ResourcesConfig) => ({ requests: { ...r.requests }, limits: { ...r.limits } });

export function kyvernoValues(options: KyvernoOptions): Record<string, unknown> {
    const serviceMonitor = { serviceMonitor: { enabled: options.serviceMonitors } };
    return {
        admissionController: { replicas: options.admissionReplicas, container: { resources: res(options.resources.admission) }, ...serviceMonitor },
        backgroundController: { resources: res(options.resources.controller), ...serviceMonitor },
        cleanupController: { resources: res(options.resources.controller), ...serviceMonitor },
        // The reports controller runs the background scans behind the PolicyReports.
        // Its extra ClusterRole grants get, list and watch on each rule, and is aggregated into
        // the controller's role (templates/reports-controller/clusterrole.yaml:1-14, 167-186).
        reportsController: {
            resources: res(options.resources.controller),
            rbac: { clusterRole: { extraResources: options.reportsReads.map((rule) => ({ apiGroups: [...rule.apiGroups], resources: [...rule.resources] })) } },
            ...serviceMonitor,
        },
        // The chart's Grafana dashboard reads the ClusterPolicy metric; the platform ships its own for ValidatingPolicies (policyDashboard.ts).
        grafana: { enabled: false },
        // Exceptions would let anyone who can create them in a namespace switch a policy off there.
        features: { policyExceptions: { enabled: false } },
    };
}
