// The admission-policy add-on: Kyverno, and the platform's own rules as ValidatingPolicies
// for whatever reaches the cluster outside Pulumi (Flux, kubectl): the restricted Pod
// Security profile, `app`/`env` labels, pinned images, requests and limits. Audit reports,
// Enforce refuses; results show in Grafana (ServiceMonitors and a dashboard) when the
// monitoring add-on is there. The offline plan checks the platform's own objects against
// the same policies.
import { DISTRIBUTION_NAMESPACES } from "../../cluster/distributionNamespaces";
import { defineAddon } from "../contract";
import { helmAddonPlacement } from "../helmAddon";
import { AdmissionPolicy } from "./admissionPolicy";
import { KYVERNO_CHART } from "./charts";
import { admissionPolicy } from "./config";
import { admissionPolicies, policyScope } from "./policies";
import { reportsControllerReads } from "./reportsAccess";

const res = (requests: [string, string], limits: [string, string]) => ({
    requests: { cpu: requests[0], memory: requests[1] },
    limits: { cpu: limits[0], memory: limits[1] },
});

export const admissionPolicyAddon = defineAddon({
    name: "admissionPolicy",
    configKey: "admissionPolicy",
    schema: admissionPolicy,
    runsOn: ["kind", "existing", "eks"],
    enabled: (section) => section.enabled,
    // Restricted: every Kyverno controller runs non-root, read-only, without capabilities, under RuntimeDefault seccomp
    // (kyverno/kyverno@v1.19.0:charts/kyverno/values.yaml:1292-1350 and the other controllers' securityContext).
    namespace: { key: "admissionPolicy", defaultName: "kyverno", podSecurity: "restricted" },
    charts: [KYVERNO_CHART],
    models: { "policies.kyverno.io": "@kubernetes-models/kyverno" },
    // @kubernetes-models/kyverno 2.0.0 is generated from Kyverno v1.18: the v1.19 CRD schema is checked too.
    crdSchemas: { "policies.kyverno.io/ValidatingPolicy": "policies.kyverno.io_validatingpolicies" },
    uses: ["prometheusOperatorCrds", "grafanaDashboards"],
    provides: [],
    deploy: ({ config, settings, namespace, platformNamespaces, capabilities, provider, parent }) => {
        const eks = settings.cluster.type === "eks";
        const scope = policyScope({
            platformNamespaces,
            distributionNamespaces: DISTRIBUTION_NAMESPACES[settings.cluster.type],
            exempt: config.exemptNamespaces,
        });
        const policies = admissionPolicies(config.action, scope);
        new AdmissionPolicy(
            "admission-policy",
            {
                ...helmAddonPlacement({ namespace, provider, capabilities }),
                environment: settings.environment,
                kyverno: {
                    // Three webhook servers on EKS: the API server keeps admitting through a node's drain or loss.
                    admissionReplicas: eks ? 3 : 1,
                    resources: eks
                        ? { admission: res(["100m", "256Mi"], ["1", "768Mi"]), controller: res(["100m", "128Mi"], ["500m", "512Mi"]) }
                        : { admission: res(["50m", "128Mi"], ["500m", "384Mi"]), controller: res(["20m", "64Mi"], ["200m", "256Mi"]) },
                    reportsReads: reportsControllerReads(policies),
                },
                policies,
                dashboards: capabilities.get("grafanaDashboards"),
            },
            { parent, dependsOn: [namespace.resource] },
        );
        return {
            capabilities: {},
            outputs: {
                admissionPolicy: { action: config.action, reports: "kubectl get policyreports -A", dashboard: "Grafana > Dashboards > Admission policies" },
            },
        };
    },
});
