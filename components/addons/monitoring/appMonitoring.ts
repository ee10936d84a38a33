// Monitoring of the platform's apps beyond their ServiceMonitors (which each
// WebService creates): one PrometheusRule per app namespace, holding a rule group per
// app (one object per namespace keeps the object count, and the cost of every preview,
// flat as apps are added; a namespace with hundreds of apps gets one more object for each
// RULES_BYTES of rules, as etcd stores no object above 1.5 MiB), and one Grafana dashboard
// ConfigMap in the monitoring namespace. Both depend on the release that installs the CRDs
// and the Grafana sidecar, so `destroy` removes them first.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import { prefixedChild } from "../../childNames";
import { workloadLabels } from "../../workloads/labels";
import { appAlertRules, AppRuleTarget, RuleGroup } from "./appAlertRules";
import { APP_DASHBOARD_UID, appDashboard } from "./appDashboard";
import { GRAFANA_DASHBOARD_LABEL } from "./kubePrometheusStackValues";

export interface AppMonitoringArgs {
    /** The deployed apps to alert on: name, namespace, environment and replica bounds; one rule group each. */
    readonly apps: AppRuleTarget[];
    /** The stack's environment (`platform:environment`): the `env` label of the rules and the dashboard. */
    readonly environment: string;
    /** Where Grafana loads dashboards from. */
    readonly monitoringNamespace: string;
    /** The release that installs the monitoring.coreos.com CRDs and Grafana. */
    readonly kubePrometheusStack: pulumi.Resource;
    /** The uid of a Loki data source: the dashboard then shows each app's logs. */
    readonly logsDatasourceUid?: string;
    /** The cluster's Kubernetes provider. */
    readonly provider: k8s.Provider;
}

export const APP_DASHBOARD_CONFIGMAP = "platform-apps-dashboard";
export const APP_ALERTS = "platform-app-alerts";

/**
 * The rule groups one PrometheusRule holds at most, in bytes of JSON: about 200 apps' groups,
 * a third of etcd's limit for one object (1.5 MiB, schemaViolations.ts MAX_OBJECT_BYTES), which
 * leaves room for names longer than the default stacks' and the object's own fields.
 */
export const RULES_BYTES = 512 * 1024;

export class AppMonitoring extends pulumi.ComponentResource {
    constructor(name: string, args: AppMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:monitoring:AppMonitoring", name, {}, opts);
        const childOpts: pulumi.CustomResourceOptions = { parent: this, provider: args.provider, dependsOn: [args.kubePrometheusStack] };
        const child = (suffix: string) => prefixedChild(name, suffix);

        for (const [namespace, apps] of appsByNamespace(args.apps)) {
            ruleObjects(apps.map(appAlertRules)).forEach((groups, index) => {
                // The first keeps the name a namespace's rules always had.
                const objectName = index === 0 ? APP_ALERTS : `${APP_ALERTS}-${index + 1}`;
                const rules = child(`${namespace}-${objectName}`);
                new k8s.apiextensions.CustomResource(
                    rules.name,
                    {
                        apiVersion: "monitoring.coreos.com/v1",
                        kind: "PrometheusRule",
                        metadata: { name: objectName, namespace, labels: workloadLabels(APP_ALERTS, args.environment, "alerting-rules") },
                        spec: { groups },
                    },
                    { ...childOpts, aliases: rules.aliases },
                );
            });
        }

        if (args.apps.length > 0) {
            const dashboard = child(APP_DASHBOARD_CONFIGMAP);
            new k8s.core.v1.ConfigMap(
                dashboard.name,
                {
                    metadata: {
                        name: APP_DASHBOARD_CONFIGMAP,
                        namespace: args.monitoringNamespace,
                        labels: { ...workloadLabels("grafana", args.environment, "dashboard"), [GRAFANA_DASHBOARD_LABEL.key]: GRAFANA_DASHBOARD_LABEL.value },
                    },
                    data: { [`${APP_DASHBOARD_UID}.json`]: JSON.stringify(appDashboard(args.apps, args.environment, args.logsDatasourceUid), null, 2) },
                },
                { ...childOpts, aliases: dashboard.aliases },
            );
        }
        this.registerOutputs({ apps: args.apps.map((app) => app.name) });
    }
}

/** The rule groups in order, cut into PrometheusRules of at most RULES_BYTES each (a larger group alone). */
export function ruleObjects(groups: readonly RuleGroup[]): RuleGroup[][] {
    const objects: RuleGroup[][] = [];
    let bytes = 0;
    for (const group of groups) {
        const size = Buffer.byteLength(JSON.stringify(group));
        if (objects.length === 0 || bytes + size > RULES_BYTES) {
            objects.push([]);
            bytes = 0;
        }
        objects[objects.length - 1].push(group);
        bytes += size;
    }
    return objects;
}

function appsByNamespace(apps: AppRuleTarget[]): Map<string, AppRuleTarget[]> {
    const groups = new Map<string, AppRuleTarget[]>();
    for (const app of apps) {
        groups.set(app.namespace, [...(groups.get(app.namespace) ?? []), app]);
    }
    return groups;
}
