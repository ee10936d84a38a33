// KEDA: the operator, its metrics API server and admission webhooks (keda chart) in their
// own namespace, and its alerting rules when monitoring is there. The chart installs the
// ScaledObject CRD, so every ScaledObject depends on this release: `destroy` deletes them
// while the operator still runs and can clear their finalizer finalizer.keda.sh
// (controllers/keda/scaledobject_finalizer.go:34-88), before `helm uninstall` removes the CRDs.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import { workloadLabels } from "../../workloads/labels";
import { helmAddonRelease, type HelmAddonPlacement } from "../helmAddon";
import { kedaRuleGroup, type ScaledHpa } from "./alertRules";
import { KEDA_CHART } from "./charts";
import { kedaValues, type KedaResources } from "./kedaValues";

export const KEDA_RELEASE = "keda";

export interface KedaArgs extends HelmAddonPlacement {
    /** The stack's environment (`platform:environment`): the `env` label of the alerting rules and the environment they watch. */
    readonly environment: string;
    /** The HPAs of the apps' ScaledObjects, which the alerts watch. */
    readonly scaledHpas: readonly ScaledHpa[];
    /** Undefined: the chart's. */
    readonly resources?: KedaResources;
}

export class Keda extends pulumi.ComponentResource {
    public readonly release: k8s.helm.v3.Release;

    constructor(name: string, args: KedaArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:keda:Keda", name, {}, opts);
        const crds = args.prometheusOperatorCrds;
        const childOpts = { parent: this, provider: args.provider };
        this.release = helmAddonRelease(
            `${name}-operator`,
            {
                chart: KEDA_CHART,
                releaseName: KEDA_RELEASE,
                values: ({ serviceMonitor }) => kedaValues({ serviceMonitor, resources: args.resources }),
                // Three Deployments and the webhook's certificate.
                timeoutSeconds: 600,
            },
            args,
            { parent: this },
        );
        if (crds) {
            new k8s.apiextensions.CustomResource(
                `${name}-alerts`,
                {
                    apiVersion: "monitoring.coreos.com/v1",
                    kind: "PrometheusRule",
                    metadata: { name: "keda-alerts", namespace: args.namespace.name, labels: workloadLabels("keda", args.environment, "alerting-rules") },
                    spec: { groups: [kedaRuleGroup(args.environment, args.scaledHpas)] },
                },
                { ...childOpts, dependsOn: [crds, args.namespace.resource] },
            );
        }
        this.registerOutputs({ release: this.release.name });
    }
}
