// The autoscaling section of an app: CPU and memory targets, and Prometheus triggers on the
// app's own metrics. With triggers the app gets a KEDA ScaledObject, which owns the app's
// HPA (same bounds, CPU and memory targets kept, the triggers added); without them, the
// platform's own HPA. `managedBy: external` is the hand-set HPA of this schema: an autoscaler
// the platform does not create (applied by hand or through Flux) owns the replica count.
import * as v from "valibot";

import { crossCheck, object, oneOf, withDefault, type PathIssue } from "./base";
import { dnsLabel, percentage } from "./primitives";

/** A Prometheus trigger: KEDA keeps `ceil(value / targetPerPod)` replicas, within replicas.min..max. */
const metricTrigger = object({
    /** Names the trigger in KEDA's status, events and metrics. */
    name: v.optional(dnsLabel),
    /** PromQL returning one value for the whole app (a one-element vector or a scalar), e.g. sum(rate(http_requests_total{namespace="apps"}[2m])). */
    query: v.pipe(
        v.string(),
        v.check((query) => query.trim().length > 0, "must be a PromQL query"),
    ),
    /** The query's value one pod should handle (KEDA's threshold, metric type AverageValue). */
    targetPerPod: v.optional(
        v.pipe(
            v.number(),
            v.check((n) => Number.isFinite(n) && n > 0, "must be a number above 0: the value of the query one pod should handle"),
        ),
    ),
});

const autoscalingFields = object({
    cpuUtilization: withDefault(percentage, 70),
    memoryUtilization: v.optional(percentage),
    metrics: v.optional(v.pipe(v.array(metricTrigger), v.minLength(1, "must list at least one trigger; leave the key out for CPU and memory only"))),
    /** platform: the platform's HPA (or KEDA's, with metrics); external: the app's replica count is left to an autoscaler you run. */
    managedBy: withDefault(oneOf(["platform", "external"]), "platform"),
});

export type AutoscalingConfig = v.InferOutput<typeof autoscalingFields>;

export const autoscaling = v.pipe(autoscalingFields, crossCheck(autoscalingIssues));

function autoscalingIssues(value: AutoscalingConfig): PathIssue[] {
    const triggers = value.metrics ?? [];
    const issues: PathIssue[] = [];
    if (value.managedBy === "external" && triggers.length > 0) {
        issues.push({
            path: ["metrics"],
            message:
                "asks for a ScaledObject, which owns the app's HPA, while managedBy: external says a hand-set HPA does: two autoscalers on one Deployment (KEDA's webhook refuses it, scaledobject_webhook.go:308); keep one",
        });
    }
    const names = new Map<string, number>();
    triggers.forEach((trigger, index) => {
        if (trigger.targetPerPod === undefined) {
            issues.push({
                path: ["metrics", index, "targetPerPod"],
                message: "is required: the value of the query one pod should handle (KEDA scales to ceil(value / targetPerPod) replicas)",
            });
        }
        if (trigger.name !== undefined) {
            if (names.has(trigger.name)) {
                issues.push({
                    path: ["metrics", index, "name"],
                    message: `'${trigger.name}' is also metrics[${names.get(trigger.name)}]; trigger names must be unique`,
                });
            }
            names.set(trigger.name, index);
        }
    });
    return issues;
}
