// Kyverno in its namespace and the platform's ValidatingPolicies, plus the policy
// dashboard in Grafana's namespace when Grafana is there. The policies depend on the
// release (it installs their CRD and the webhook that serves them), so `destroy` deletes
// them first; ValidatingPolicies carry no finalizer, and the chart's pre-delete hook then
// removes Kyverno's webhook configurations (values.yaml:648-650: webhooksCleanup.enabled),
// so no webhook is left pointing at a deleted service.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import { workloadLabels } from "../../workloads/labels";
import type { CapabilityTypes } from "../capabilityTypes";
import { helmAddonRelease, type HelmAddonPlacement } from "../helmAddon";
import { KYVERNO_CHART } from "./charts";
import { KYVERNO_RELEASE, kyvernoValues, type KyvernoOptions } from "./kyvernoValues";
import { type ValidatingPolicy } from "./policies";
import { POLICY_DASHBOARD_UID, policyDashboard } from "./policyDashboard";

export interface AdmissionPolicyArgs extends HelmAddonPlacement {
    /** The stack's environment (`platform:environment`): the dashboard's `env` label and title. */
    readonly environment: string;
    /** Kyverno's options; its ServiceMonitors follow the monitoring CRDs. */
    readonly kyverno: Omit<KyvernoOptions, "serviceMonitors">;
    /** The ValidatingPolicies to apply once Kyverno's release (their CRD and webhook) is ready. */
    readonly policies: readonly ValidatingPolicy[];
    /** Where Grafana loads dashboards from, when it is there. */
    readonly dashboards?: CapabilityTypes["grafanaDashboards"];
}

export const POLICY_DASHBOARD_CONFIGMAP = "platform-admission-policies-dashboard";

export class AdmissionPolicy extends pulumi.ComponentResource {
    public readonly kyverno: k8s.helm.v3.Release;

    constructor(name: string, args: AdmissionPolicyArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:admissionPolicy:AdmissionPolicy", name, {}, opts);
        this.kyverno = helmAddonRelease(
            `${name}-kyverno`,
            {
                chart: KYVERNO_CHART,
                releaseName: KYVERNO_RELEASE,
                values: ({ serviceMonitor }) => kyvernoValues({ ...args.kyverno, serviceMonitors: serviceMonitor }),
                // CRDs, four controllers and the webhook registration.
                timeoutSeconds: 600,
            },
            args,
            { parent: this },
        );
        for (const policy of args.policies) {
            new k8s.apiextensions.CustomResource(
                `${name}-${policy.metadata.name}`,
                { ...policy },
                { parent: this, provider: args.provider, dependsOn: [this.kyverno] },
            );
        }
        if (args.dashboards) {
            new k8s.core.v1.ConfigMap(
                `${name}-dashboard`,
                {
                    metadata: {
                        name: POLICY_DASHBOARD_CONFIGMAP,
                        namespace: args.dashboards.namespace,
                        labels: { ...workloadLabels("grafana", args.environment, "dashboard"), [args.dashboards.label.key]: args.dashboards.label.value },
                    },
                    data: { [`${POLICY_DASHBOARD_UID}.json`]: JSON.stringify(policyDashboard(args.environment), null, 2) },
                },
                // After Grafana's release (its sidecar), so `destroy` removes the dashboard first.
                { parent: this, provider: args.provider, dependsOn: [args.dashboards.release] },
            );
        }
        this.registerOutputs({ policies: args.policies.map((policy) => policy.metadata.name) });
    }
}
