// Apps with Prometheus triggers need KEDA (the ScaledObject) and monitoring (the Prometheus
// server the triggers query): without either, refused at plan time at the app's key.
import type { CapabilityName } from "../../components/addons/capabilityTypes";
import type { AnyAddon } from "../../components/addons/contract";
import { isProvided, missingCapability } from "../../components/addons/plan";
import type { PathIssue } from "./base";
import type { CoreSettings } from "./core";

const NEEDED: readonly CapabilityName[] = ["scaledObjects", "prometheusQuery"];

export function metricTriggerIssues(config: CoreSettings & Record<string, unknown>, addons: readonly AnyAddon[]): PathIssue[] {
    const missing = NEEDED.filter((capability) => !isProvided(capability, addons, config, config));
    if (missing.length === 0) {
        return [];
    }
    const why = missing.map((capability) => missingCapability(capability, addons, config)).join("; and ");
    return config.apps.flatMap((app, index): PathIssue[] =>
        app.autoscaling.metrics ? [{ path: ["apps", index, "autoscaling", "metrics"], message: `Prometheus triggers need ${why}` }] : [],
    );
}
