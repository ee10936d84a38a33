// The add-on Helm release (components/addons/helmAddon.ts): in the add-on's namespace,
// after that namespace and what else the release uses, and with its ServiceMonitor or
// PodMonitor on exactly when the Prometheus Operator's CRDs exist (a monitor without its
// CRD fails the install; without the monitor the metrics are not scraped).
import * as assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

import { helmAddonReleaseInputs } from "../components/addons/helmAddon";
import { KEDA_CHART } from "../components/addons/keda/charts";
import { readStackFile } from "../offline/stackFile";
import { evaluateStackFile, PROJECT_ROOT, Resources } from "./harness/evaluateStack";
import { REFERENCE_DIR } from "./harness/reference";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const NAMESPACE = "kubernetes:core/v1:Namespace";
const CRDS = `${RELEASE}::monitoring-kube-prometheus-stack`;

/**
 * The values key that gates each chart's monitor, and the template line that reads it:
 * keda 2.20.2 templates/manager/servicemonitor.yaml:1, kyverno 3.9.0
 * templates/admission-controller/servicemonitor.yaml:1, flux2 2.18.3 templates/podmonitor.yaml:1,
 * velero templates/servicemonitor.yaml:1.
 */
const MONITOR_GATES = [
    {
        release: "keda-operator",
        stack: "dev",
        path: ["prometheus", "operator", "serviceMonitor", "enabled"],
        template: "keda/templates/manager/servicemonitor.yaml",
    },
    {
        release: "admission-policy-kyverno",
        stack: "dev",
        path: ["admissionController", "serviceMonitor", "enabled"],
        template: "kyverno/templates/admission-controller/servicemonitor.yaml",
    },
    { release: "gitops-flux", stack: "dev", path: ["prometheus", "podMonitor", "create"], template: "flux2/templates/podmonitor.yaml" },
    { release: "backups-velero", stack: "prod", path: ["metrics", "serviceMonitor", "enabled"], template: "velero/templates/servicemonitor.yaml" },
] as const;

const at = (value: unknown, path: readonly string[]): unknown => path.reduce((node, key) => (node as Record<string, unknown> | undefined)?.[key], value);

async function plan(stack: "dev" | "prod", monitoring: boolean): Promise<Resources> {
    const extra: Record<string, string> = stack === "dev" ? { "platform:externalIntegrationKey": "placeholder" } : {};
    if (!monitoring) {
        const config = readStackFile(PROJECT_ROOT, stack).config;
        const section = JSON.parse(String(config["platform:monitoring"])) as Record<string, unknown>;
        extra["platform:monitoring"] = JSON.stringify({ ...section, enabled: false });
        // Prometheus triggers need monitoring's Prometheus: without it the apps scale on CPU and memory.
        const apps = JSON.parse(String(config["platform:apps"])) as { autoscaling?: Record<string, unknown> }[];
        extra["platform:apps"] = JSON.stringify(
            apps.map(({ autoscaling, ...app }) => ({ ...app, ...(autoscaling ? { autoscaling: { ...autoscaling, metrics: undefined } } : {}) })),
        );
    }
    return evaluateStackFile(stack, extra);
}

describe("helm add-on releases", function () {
    this.timeout(120_000);
    const plans = new Map<string, Resources>();

    before(async () => {
        for (const stack of ["dev", "prod"] as const) {
            plans.set(`${stack}+monitoring`, await plan(stack, true));
            plans.set(`${stack}-monitoring`, await plan(stack, false));
        }
    });

    it("install into a namespace the platform creates only after that Namespace, listed first", () => {
        let checked = 0;
        for (const [label, resources] of plans) {
            const created = new Set(resources.ofType(NAMESPACE).map((ns) => (ns.inputs.metadata as { name: string }).name));
            for (const release of resources.ofType(RELEASE).filter((r) => created.has(r.inputs.namespace as string))) {
                assert.equal(release.dependsOn[0], `${NAMESPACE}::${release.inputs.namespace as string}`, `${label}: ${release.name}`);
                checked++;
            }
        }
        assert.ok(checked >= 30, `only ${checked} releases checked`);
    });

    for (const gate of MONITOR_GATES) {
        it(`${gate.release}: its monitor is on, and the release waits for the monitoring CRDs, exactly when monitoring is deployed`, () => {
            for (const monitoring of [true, false]) {
                const release = plans.get(`${gate.stack}${monitoring ? "+" : "-"}monitoring`)!.get(RELEASE, gate.release);
                assert.equal(at(release.inputs.values, gate.path), monitoring, `${gate.path.join(".")} with monitoring ${monitoring ? "on" : "off"}`);
                assert.equal(release.dependsOn.includes(CRDS), monitoring);
                assert.equal(release.dependsOn.at(-1) === CRDS, monitoring, "the CRDs come last in the release's dependsOn");
            }
        });
    }

    it("gate each chart's monitor on the key the values set (the chart's template, where the reference is at hand)", function () {
        const charts = join(REFERENCE_DIR, "charts");
        if (!existsSync(charts)) {
            this.skip();
        }
        for (const gate of MONITOR_GATES) {
            const firstLine = readFileSync(join(charts, gate.template), "utf8").split("\n")[0];
            assert.ok(firstLine.includes(`.Values.${gate.path.join(".")}`), `${gate.template}:1 is ${firstLine}`);
        }
    });
});

describe("helmAddonReleaseInputs", () => {
    const resource = (name: string) => ({ name }) as unknown as pulumi.Resource;
    const namespace = { name: "keda", resource: resource("namespace") as unknown as k8s.core.v1.Namespace };
    const chart = {
        chart: KEDA_CHART,
        releaseName: "keda",
        values: (features: { serviceMonitor: boolean }) => ({ monitor: features.serviceMonitor }),
        timeoutSeconds: 600,
        after: [resource("role")],
    };

    it("orders the namespace, then what the add-on names, then the monitoring CRDs; and tells the values whether they exist", () => {
        const crds = resource("crds");
        const withCrds = helmAddonReleaseInputs(chart, { namespace, provider: {} as k8s.Provider, prometheusOperatorCrds: crds });
        const without = helmAddonReleaseInputs(chart, { namespace, provider: {} as k8s.Provider });
        assert.deepEqual(withCrds.dependsOn, [namespace.resource, chart.after[0], crds]);
        assert.deepEqual(without.dependsOn, [namespace.resource, chart.after[0]]);
        assert.deepEqual([withCrds.args.values, without.args.values], [{ monitor: true }, { monitor: false }]);
        assert.equal(withCrds.args.namespace, namespace.name);
    });
});
