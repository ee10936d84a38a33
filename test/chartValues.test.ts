import * as assert from "node:assert/strict";

import { ADDONS } from "../components/addons";
import { FLUX2_CHART } from "../components/addons/gitops/charts";
import { fluxValues } from "../components/addons/gitops/fluxValues";
import { KUBE_PROMETHEUS_STACK_CHART, METRICS_SERVER_CHART } from "../components/addons/monitoring/charts";
import { kubePrometheusStackValues } from "../components/addons/monitoring/kubePrometheusStackValues";
import { metricsServerValues } from "../components/addons/monitoring/metricsServerValues";
import { monitoringProfile } from "../components/addons/monitoring/profile";
import { chartReference, type PinnedChart } from "../components/helmRelease";
import { parseStackConfig } from "../stacks/parse";
import { chartCheck, hasKeyPath, UNDECLARED_TEMPLATE_KEYS, unknownValueKeys } from "./harness/chartKeys";
import { evaluateConfig, evaluateStackFile, Resources } from "./harness/evaluateStack";
import { validValues } from "./harness/fixtures";
import { chartValues } from "./harness/reference";

const RELEASE = "kubernetes:helm.sh/v3:Release";
/** Every chart an add-on pins. */
const PINNED: PinnedChart[] = ADDONS.flatMap((addon) => addon.charts);

function assertKnownKeys(resources: Resources, label: string) {
    const releases = resources.ofType(RELEASE);
    assert.ok(releases.length > 0, `${label}: no Helm release`);
    for (const release of releases) {
        const inputs = release.inputs as any;
        const chart = PINNED.find((pinned) => chartReference(pinned) === inputs.chart);
        assert.ok(chart, `${label}: ${inputs.chart} is not a pinned chart`);
        assert.equal(inputs.version, chart.version, `${label}: ${inputs.chart} version`);
        assert.deepEqual(unknownValueKeys(inputs.values, chartCheck(chart)), [], `${label}: ${inputs.chart} values`);
    }
}

describe("Helm values against the pinned charts' values.yaml", () => {
    it("has a reference values.yaml for every pinned chart version", () => {
        for (const chart of PINNED) {
            assert.ok(chartValues(chart.chart, chart.version), `${chart.chart} ${chart.version}`);
        }
    });

    it("flags a key the chart does not define, and a map where the chart has a scalar", () => {
        const check = chartCheck(KUBE_PROMETHEUS_STACK_CHART);
        assert.deepEqual(unknownValueKeys({ prometheus: { prometheusSpec: { retension: "1d" } } }, check), [
            "prometheus.prometheusSpec.retension: not defined in the chart's values",
        ]);
        assert.deepEqual(unknownValueKeys({ prometheus: { prometheusSpec: { retention: { days: 1 } } } }, check), [
            "prometheus.prometheusSpec.retention: is a map here but a string in the chart's values",
        ]);
        assert.deepEqual(unknownValueKeys({ grafana: { persistance: { enabled: true } } }, check), ["grafana.persistance: not defined in the chart's values"]);
    });

    it("allows keys only below free-form maps and lists, resources and the listed template keys", () => {
        const check = chartCheck(KUBE_PROMETHEUS_STACK_CHART);
        // storageSpec: {} and annotations: {} are free-form; grafana.persistence comes from the Grafana subchart.
        assert.deepEqual(
            unknownValueKeys(
                {
                    prometheus: { prometheusSpec: { storageSpec: { volumeClaimTemplate: { spec: {} } } }, annotations: { a: "b" } },
                    grafana: { persistence: { enabled: false }, service: { type: "NodePort", nodePort: 30300 } },
                    alertmanager: { alertmanagerSpec: { configSecret: "x" } },
                },
                check,
            ),
            [],
        );
        const metricsServer = chartCheck(METRICS_SERVER_CHART);
        // metrics-server's resources default shows requests only; limits are still a ResourceRequirements field.
        assert.deepEqual(unknownValueKeys({ resources: { limits: { cpu: "1" } }, args: ["--x"] }, metricsServer), []);
        // A free-form map does not make its siblings free-form.
        assert.deepEqual(unknownValueKeys({ service: { annotations: { a: "b" }, nodePort: 1 } }, metricsServer), [
            "service.nodePort: not defined in the chart's values",
        ]);
    });

    it("lists only template keys that values.yaml really leaves undeclared", () => {
        for (const [chart, keys] of Object.entries(UNDECLARED_TEMPLATE_KEYS)) {
            const pinned = PINNED.find((p) => p.chart === chart)!;
            const check = chartCheck(pinned);
            for (const key of keys) {
                const [head, ...rest] = key.path.split(".");
                const inSubchart = check.subcharts?.[head] !== undefined && hasKeyPath(check.subcharts[head], rest.join("."));
                assert.ok(!hasKeyPath(check.values, key.path) && !inSubchart, `${key.path} is declared upstream now: remove the exception`);
            }
        }
    });

    it("sets only known keys in every environment's values (pure functions)", () => {
        for (const type of ["kind", "existing", "eks"] as const) {
            const values = validValues();
            values.cluster =
                type === "eks"
                    ? { type, nodeGroups: [{ name: "g", instanceTypes: ["m7i.large"], minSize: 1, maxSize: 2, desiredSize: 1 }] }
                    : type === "kind"
                      ? { type }
                      : values.cluster;
            if (type === "eks") {
                delete values.apps[1].image;
                values.apps[1].imageTag = "1.0.0";
            }
            const settings = parseStackConfig({ stack: "test", values, awsRegion: "us-east-1" }).settings;
            const profile = monitoringProfile(settings.cluster, settings.monitoring);
            assert.deepEqual(unknownValueKeys(metricsServerValues(profile), chartCheck(METRICS_SERVER_CHART)), [], type);
            for (const alertmanagerConfigSecret of [undefined, "am-config"]) {
                const kps = kubePrometheusStackValues(profile, {
                    grafanaAdminSecret: "g",
                    alertmanagerConfigSecret,
                    grafanaRole: "r",
                    namespace: "monitoring",
                });
                assert.deepEqual(unknownValueKeys(kps, chartCheck(KUBE_PROMETHEUS_STACK_CHART)), [], type);
            }
        }
        for (const podMonitor of [true, false]) {
            assert.deepEqual(unknownValueKeys(fluxValues({ podMonitor }), chartCheck(FLUX2_CHART)), []);
        }
    });

    it("sets only known keys in the releases of the dev and prod stacks", async () => {
        const gitops = JSON.stringify({ enabled: true, repository: { url: "https://github.com/acme/platform.git" } });
        assertKnownKeys(await evaluateStackFile("dev", { "platform:externalIntegrationKey": "k", "platform:gitops": gitops }), "dev");
        assertKnownKeys(await evaluateStackFile("prod", { "platform:gitops": gitops }), "prod");
    });

    it("sets only known keys with an Alertmanager config and on an existing cluster", async () => {
        const values = validValues();
        values.alertmanagerConfig = "route: { receiver: ops }\nreceivers: [{ name: ops }]\n";
        assertKnownKeys(await evaluateConfig(values), "existing");
    });
});
