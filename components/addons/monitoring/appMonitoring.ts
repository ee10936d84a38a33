// Monitoring of the platform's apps beyond their ServiceMonitors (which each
// WebService creates): one PrometheusRule per app namespace, holding a rule group per
// app (one object per namespace keeps the object count, and the cost of every preview,
// flat as apps are added), and one Grafana dashboard ConfigMap in the monitoring namespace. Both depend on the release that
// installs the CRDs and the Grafana sidecar, so `destroy` removes them first.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import { prefixedChild } from "../../childNames";
import { workloadLabels } from "../../workloads/labels";
import { appAlertRules, AppRuleTarget } from "./appAlertRules";
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

export class AppMonitoring extends pulumi.ComponentResource {
    constructor(name: string, args: AppMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:monitoring:AppMonitoring", name, {}, opts);
        const childOpts: pulumi.CustomResourceOptions = { parent: this, provider: args.provider, dependsOn: [args.kubePrometheusStack] };
        const child = (suffix: string) => prefixedChild(name, suffix);

        for (const [namespace, apps] of appsByNamespace(args.apps)) {
            const rules = child(`${namespace}-${APP_ALERTS}`);
            new k8s.apiextensions.CustomResource(
                rules.name,
                {
                    apiVersion: "monitoring.coreos.com/v1",
                    kind: "PrometheusRule",
                    metadata: { name: APP_ALERTS, namespace, labels: workloadLabels(APP_ALERTS, args.environment, "alerting-rules") },
                    spec: { groups: apps.map(appAlertRules) },
                },
                { ...childOpts, aliases: rules.aliases },
            );
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

function appsByNamespace(apps: AppRuleTarget[]): Map<string, AppRuleTarget[]> {
    const groups = new Map<string, AppRuleTarget[]>();
    for (const app of apps) {
        groups.set(app.namespace, [...(groups.get(app.namespace) ?? []), app]);
    }
    return groups;
}
