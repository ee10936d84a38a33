// The KEDA add-on and apps that scale on their own metrics: the ScaledObject mapping, one
// autoscaler per app (the ScaledObject owns the HPA, no second HPA), the pinned CRD and
// model, the release and its alerts, and the config that is refused at plan time.
import * as assert from "node:assert/strict";
import * as v from "valibot";

import { kedaRuleGroup, SCALED_OBJECT_NAMESPACE_LABEL } from "../components/addons/keda/alertRules";
import { scaledObjectSpec, scalerOf } from "../components/workloads/scaledObject";
import { unknownFieldProblems } from "../offline/validation/knownFields";
import { loadModel } from "../offline/validation/loadModel";
import { schemaProblems as modelProblems } from "../offline/validation/schemaViolations";
import { webService } from "../stacks/schema/workloads";
import { assertProblem, configProblems } from "./harness/configProblems";
import { schemaProblems } from "./harness/crdSchema";
import { evaluateConfig, evaluateStackFile, Resources } from "./harness/evaluateStack";
import { validValues } from "./harness/fixtures";
import { chartValues, crdSchema, expectedInstall, installedChart, referenceChart, skipWithoutReference } from "./harness/reference";
import { T } from "./harness/resourceTypes";

const PROMETHEUS = "http://kube-prometheus-stack-prometheus.monitoring.svc:9090";
const RPS = { name: "requests-per-second", query: 'sum(rate(http_requests_total{namespace="apps", service="web"}[2m]))', targetPerPod: 10 };

const app = (overrides: Record<string, unknown> = {}) =>
    v.parse(webService, { name: "web", image: "ghcr.io/stefanprodan/podinfo:6.7.1", containerPort: 9898, replicas: { min: 2, max: 5 }, ...overrides });

describe("keda: the ScaledObject of an app with Prometheus triggers", () => {
    const spec = scaledObjectSpec(app({ autoscaling: { memoryUtilization: 80, metrics: [RPS] } }), PROMETHEUS) as any;

    it("keeps the app's bounds and its CPU and memory targets, and adds one prometheus trigger per metric", () => {
        assert.deepEqual(spec.scaleTargetRef, { apiVersion: "apps/v1", kind: "Deployment", name: "web" });
        assert.deepEqual([spec.minReplicaCount, spec.maxReplicaCount], [2, 5]);
        assert.deepEqual(spec.triggers, [
            // KEDA 2.20 refuses metadata.type (pkg/scalers/cpu_memory_scaler.go:24): the metric type sits beside metadata.
            { type: "cpu", metricType: "Utilization", metadata: { value: "70" } },
            { type: "memory", metricType: "Utilization", metadata: { value: "80" } },
            // prometheus_scaler.go:48-60: serverAddress, query and threshold are required; metricType unset is AverageValue
            // (pkg/scalers/scaler.go:95-101), so the HPA keeps ceil(value / threshold) replicas.
            { type: "prometheus", name: "requests-per-second", metadata: { serverAddress: PROMETHEUS, query: RPS.query, threshold: "10" } },
        ]);
    });

    // controllers/keda/hpa.go:393-403: without a name the HPA is keda-hpa-<name>; the app alerts and dashboard select the app's name.
    it("names its HPA after the app, and adopts an HPA of that name the platform made before", () => {
        assert.deepEqual(spec.advanced, { horizontalPodAutoscalerConfig: { name: "web" } });
    });

    it("is what an app with metrics gets; an app without them keeps its HPA, managedBy external gets neither", () => {
        assert.equal(scalerOf(app({ autoscaling: { metrics: [RPS] } })), "scaledObject");
        assert.equal(scalerOf(app()), "hpa");
        assert.equal(scalerOf(app({ autoscaling: { managedBy: "external" } })), "none");
    });

    // keda.sh_scaledobjects.yaml at kedacore/keda@v2.20.2: metadata values are strings (:349-352), triggers minItems 1.
    it("validates against the pinned CRD's schema and @kubernetes-models/keda", async () => {
        const object = { apiVersion: "keda.sh/v1alpha1", kind: "ScaledObject", metadata: { name: "web", namespace: "apps" }, spec };
        assert.deepEqual(schemaProblems(object, crdSchema("keda.sh_scaledobjects", "v1alpha1")), []);
        const numeric = { ...object, spec: { ...spec, triggers: [{ type: "prometheus", metadata: { threshold: 10 } }] } };
        assert.match(schemaProblems(numeric, crdSchema("keda.sh_scaledobjects", "v1alpha1")).join(), /threshold: must be a string/);
        // The models (KEDA v2.19) lack Fallback.behavior scalingModifiers; no fallback is written.
        const model = await loadModel("keda.sh/v1alpha1", "ScaledObject");
        assert.ok(model);
        assert.deepEqual(modelProblems(object, model), []);
    });
});

describe("keda: planned on both stacks", () => {
    const stacks: Record<string, Resources> = {};
    before(async () => {
        stacks.dev = await evaluateStackFile("dev", { "platform:externalIntegrationKey": "k" });
        stacks.prod = await evaluateStackFile("prod");
    });

    for (const stack of ["dev", "prod"]) {
        it(`${stack}: a Prometheus-triggered ScaledObject for backend-api and no second HPA for it; data-api keeps its HPA`, () => {
            const resources = stacks[stack];
            const scaled = resources.get(T.scaledObject, "backend-api-scaled-object");
            const inputs = scaled.inputs as any;
            assert.equal(inputs.metadata.name, "backend-api");
            assert.equal(inputs.spec.triggers.find((t: any) => t.type === "prometheus").metadata.serverAddress, PROMETHEUS);
            assert.deepEqual(
                resources.ofType(T.hpa).map((r) => (r.inputs as any).spec.scaleTargetRef.name),
                ["data-api"],
            );
            assert.deepEqual(schemaProblems(inputs, crdSchema("keda.sh_scaledobjects", "v1alpha1")), []);
            // kedacore/keda@v2.20.2 apis/keda/v1alpha1/scaledobject_webhook.go:297-304: an HPA of the same target the ScaledObject
            // does not own is adopted only with the annotation scaledobject_types.go:55 names, and the HPA named in advanced.
            // The platform's HPA for an app is named as the Deployment it scales (data-api's here), so that is the name to adopt.
            assert.equal(inputs.metadata.annotations["scaledobject.keda.sh/transfer-hpa-ownership"], "true");
            const [hpa] = resources.ofType(T.hpa).map((r) => r.inputs as any);
            assert.equal(hpa.metadata.name, hpa.spec.scaleTargetRef.name);
            assert.equal(inputs.spec.advanced.horizontalPodAutoscalerConfig.name, inputs.spec.scaleTargetRef.name);
            // After its Deployment and the CRD; on destroy before both, while the operator can clear finalizer.keda.sh.
            assert.deepEqual(scaled.dependsOn, [`${T.deployment}::backend-api`, `${T.release}::keda-operator`]);
        });

        it(`${stack}: installs the keda chart as the reference pins it in its restricted namespace, scraped by a ServiceMonitor, after kube-prometheus-stack`, function () {
            const release = stacks[stack].get(T.release, "keda-operator");
            const inputs = release.inputs as any;
            assert.equal(inputs.name, "keda");
            const namespace = stacks[stack].get(T.namespace, inputs.namespace);
            assert.ok(release.dependsOn.includes(`${T.namespace}::${namespace.name}`));
            assert.equal((namespace.inputs.metadata as any).labels["pod-security.kubernetes.io/enforce"], "restricted");
            // That the chart renders its ServiceMonitor from these values is checked in chartRender.test.ts.
            assert.ok(release.dependsOn.includes(`${T.release}::monitoring-kube-prometheus-stack`));
            const keda = referenceChart("keda");
            if (!keda) {
                skipWithoutReference(this);
            }
            assert.deepEqual(installedChart(inputs), expectedInstall(keda));
        });
    }

    it("alerts on ScaledObject and scaler errors and on a ScaledObject's HPA that gets no metrics", () => {
        const rule = stacks.dev.get(T.prometheusRule, "keda-alerts").inputs as any;
        assert.deepEqual(schemaProblems(rule, crdSchema("monitoring.coreos.com_prometheusrules", "v1")), []);
        const rules = rule.spec.groups[0].rules;
        assert.deepEqual(
            rules.map((r: any) => r.alert),
            ["KedaScaledObjectErrors", "KedaScalerErrors", "KedaScaledObjectNotReady"],
        );
        // kedacore/keda@v2.20.2 pkg/metricscollector/prommetrics.go:80-96 (keda_scaledobject_errors does not exist).
        assert.match(rules[0].expr, /keda_scaled_object_errors_total/);
        assert.match(rules[1].expr, /keda_scaler_detail_errors_total/);
        assert.match(rules[2].expr, /condition="ScalingActive", status="false", namespace=~"backend-namespace", horizontalpodautoscaler=~"backend-api"/);
        assert.deepEqual(
            kedaRuleGroup("dev", []).rules.map((r) => r.alert),
            ["KedaScaledObjectErrors", "KedaScalerErrors"],
        );
    });

    it("reads the ScaledObject's namespace from exported_namespace: KEDA's ServiceMonitor keeps the target's namespace (templates/manager/servicemonitor.yaml:31-62, no honorLabels)", () => {
        // The chart offers no honorLabels key, so the ServiceMonitor cannot keep KEDA's own labels.
        const serviceMonitorKeys = Object.keys((chartValues("keda", "2.20.2") as any).prometheus.operator.serviceMonitor);
        assert.ok(serviceMonitorKeys.length > 0 && !serviceMonitorKeys.includes("honorLabels"), serviceMonitorKeys.join(", "));
        const rules = (stacks.dev.get(T.prometheusRule, "keda-alerts").inputs as any).spec.groups[0].rules;
        for (const rule of rules.filter((r: any) => /keda_/.test(r.expr))) {
            // Every aggregation keeps the ScaledObject's namespace as stored, never the operator's target namespace.
            const groupings = [...rule.expr.matchAll(/by \(([^)]*)\)/g)].map((match: RegExpMatchArray) => match[1].split(/,\s*/));
            assert.ok(groupings.length > 0, rule.alert);
            for (const labels of groupings) {
                assert.ok(labels.includes(SCALED_OBJECT_NAMESPACE_LABEL) && !labels.includes("namespace"), `${rule.alert}: by (${labels.join(", ")})`);
            }
            // The alert carries it as namespace, which the annotations (kubectl -n ...) and Alertmanager's grouping read.
            assert.match(rule.expr, /label_replace\(.*, "namespace", "\$1", "exported_namespace", "\(\.\*\)"\)/, rule.alert);
            assert.match(`${rule.annotations.summary} ${rule.annotations.description}`, /\$labels\.namespace/, rule.alert);
        }
    });

    it("leaves an app with managedBy external without HPA and ScaledObject, its replicas to whoever scales it", async () => {
        const values = validValues();
        values.apps[0].autoscaling = { managedBy: "external" };
        const resources = await evaluateConfig(values, { webApiKey: "k" });
        assert.deepEqual(
            resources.ofType(T.hpa).map((r) => r.name),
            ["worker"],
        );
        assert.deepEqual(resources.ofType(T.scaledObject), []);
        assert.deepEqual(resources.get(T.deployment, "web").ignoreChanges, ["spec.replicas"]);
    });
});

describe("keda: refused at plan time", () => {
    function problems(apps: Record<string, unknown>[], sections: Record<string, unknown> = { keda: { enabled: true } }): Map<string, string> {
        const values = { ...validValues(), ...sections };
        values.apps = values.apps.map((base: Record<string, unknown>, index: number) => ({ ...base, ...apps[index] }));
        return configProblems(values);
    }
    const refused = assertProblem;

    it("accepts an app with a trigger when KEDA and monitoring are on", () => {
        assert.deepEqual([...problems([{ autoscaling: { metrics: [RPS] } }])], []);
    });

    it("a query with no target", () => {
        refused(
            problems([{ autoscaling: { metrics: [{ query: RPS.query }] } }]),
            "apps[0].autoscaling.metrics[0].targetPerPod",
            /is required: the value of the query one pod should handle/,
        );
        refused(problems([{ autoscaling: { metrics: [{ ...RPS, targetPerPod: 0 }] } }]), "apps[0].autoscaling.metrics[0].targetPerPod", /above 0/);
        refused(problems([{ autoscaling: { metrics: [{ ...RPS, query: " " }] } }]), "apps[0].autoscaling.metrics[0].query", /PromQL/);
        refused(problems([{ autoscaling: { metrics: [] } }]), "apps[0].autoscaling.metrics", /at least one trigger/);
        refused(problems([{ autoscaling: { metrics: [RPS, RPS] } }]), "apps[0].autoscaling.metrics[1].name", /unique/);
    });

    it("a ScaledObject-style config beside a hand-set HPA (managedBy: external)", () => {
        refused(problems([{ autoscaling: { managedBy: "external", metrics: [RPS] } }]), "apps[0].autoscaling.metrics", /hand-set HPA .* keep one/);
    });

    it("min above max, for an app with triggers too", () => {
        refused(problems([{ replicas: { min: 5, max: 2 }, autoscaling: { metrics: [RPS] } }]), "apps[0].replicas.min", /min \(5\) is above max \(2\)/);
    });

    it("triggers while KEDA or monitoring is off, naming the add-on and its switch", () => {
        refused(
            problems([{ autoscaling: { metrics: [RPS] } }], {}),
            "apps[0].autoscaling.metrics",
            /capability 'scaledObjects', which add-on 'keda' provides, but it is off \(keda\.enabled\)/,
        );
        refused(
            problems([{ autoscaling: { metrics: [RPS] } }], { keda: { enabled: true }, monitoring: { enabled: false } }),
            "apps[0].autoscaling.metrics",
            /capability 'prometheusQuery', which add-on 'monitoring' provides, but it is off \(monitoring\.enabled\)/,
        );
        assert.deepEqual([...problems([{}], { monitoring: { enabled: false }, keda: { enabled: true } })], [], "KEDA without triggers needs no monitoring");
    });
});

describe("offline plan: unknown fields of the scaling kinds", () => {
    it("are reported with the likely intended name, as the API server would drop them", () => {
        const object = {
            apiVersion: "keda.sh/v1alpha1",
            kind: "ScaledObject",
            metadata: { name: "web" },
            spec: { scaleTargetRef: { name: "web" }, minReplicas: 2, triggers: [{ type: "cpu", metricTyp: "Utilization", metadata: {} }] },
        };
        assert.deepEqual(unknownFieldProblems(object), [
            "spec.minReplicas: unknown field",
            "spec.triggers[0].metricTyp: unknown field (did you mean 'metricType'?)",
        ]);
        const pool = { apiVersion: "karpenter.sh/v1", kind: "NodePool", metadata: { name: "default" }, spec: { limit: { cpu: "1" }, template: { spec: {} } } };
        assert.deepEqual(unknownFieldProblems(pool), ["spec.limit: unknown field (did you mean 'limits'?)"]);
    });
});
