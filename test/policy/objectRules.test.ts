import * as assert from "node:assert/strict";

import type { PolicyResource } from "../../policy/rule";
import { noLoadBalancerInDev } from "../../policy/rules/devLoadBalancers";
import { disruptionBudgets, minimumReplicas } from "../../policy/rules/disruptionBudgets";
import { hpaReplicaBounds } from "../../policy/rules/hpaReplicaBounds";
import { workloadLabels } from "../../policy/rules/workloadLabels";
import { changed, cronJob, deployment, hpa, pdb, service, T } from "./fixtures";

describe("policy: labels, autoscaling, disruption budgets, load balancers", () => {
    it("workload labels: passes objects with app and env", () => {
        for (const resource of [deployment(), cronJob(), service(), hpa("web", 1), pdb("web")]) {
            assert.deepEqual(workloadLabels.check(resource), [], resource.type);
        }
    });

    it("workload labels: names each missing label; other kinds are not concerned", () => {
        const unlabelled = changed(deployment(), (inputs) => (inputs.metadata.labels = { "app.kubernetes.io/name": "web" }));
        assert.deepEqual(workloadLabels.check(unlabelled), ["metadata.labels must include 'app' and 'env'"]);
        const noEnv = changed(service(), (inputs) => delete inputs.metadata.labels.env);
        assert.deepEqual(workloadLabels.check(noEnv), ["metadata.labels must include 'env'"]);
        const monitor = { type: T.serviceMonitor, name: "web", inputs: { metadata: { name: "web", labels: { app: "web" } } } };
        assert.deepEqual(workloadLabels.check(monitor), ["metadata.labels must include 'env'"]);
        assert.deepEqual(workloadLabels.check({ type: T.namespace, name: "apps", inputs: { metadata: { name: "apps" } } }), []);
    });

    it("HPA bounds: passes min <= max, fails min > max", () => {
        assert.deepEqual(hpaReplicaBounds.check(hpa("web", 2, 2)), []);
        assert.deepEqual(hpaReplicaBounds.check(hpa("web", 5, 2)), ["spec.minReplicas (5) is above spec.maxReplicas (2)"]);
    });

    it("PDB: a Deployment kept at more than one replica needs a PDB selecting its pods", () => {
        const replicated = deployment("api", 3);
        assert.deepEqual(disruptionBudgets.checkStack([replicated, pdb("api")]), []);
        const violations = disruptionBudgets.checkStack([replicated]);
        assert.deepEqual(
            violations.map((v) => [v.resource.name, v.message]),
            [["api", "runs at least 3 replicas but no PodDisruptionBudget in its namespace selects its pods"]],
        );
    });

    it("PDB: counts the HPA's minReplicas, and ignores single-replica Deployments", () => {
        const scaled = [deployment("api", 1), hpa("api", 2)];
        assert.equal(minimumReplicas(scaled[0], [scaled[1]]), 2);
        assert.equal(disruptionBudgets.checkStack(scaled).length, 1);
        assert.deepEqual(disruptionBudgets.checkStack([deployment("api", 1), hpa("api", 1)]), []);
    });

    it("PDB: a budget in another namespace or for other pods does not count", () => {
        const replicated = deployment("api", 2);
        assert.equal(disruptionBudgets.checkStack([replicated, pdb("api", "other")]).length, 1);
        assert.equal(disruptionBudgets.checkStack([replicated, pdb("web")]).length, 1);
        const byExpression = changed(pdb("x"), (inputs) => (inputs.spec.selector = { matchExpressions: [{ key: "app", operator: "In", values: ["api"] }] }));
        assert.deepEqual(disruptionBudgets.checkStack([replicated, byExpression]), []);
    });

    it("PDB: reads each budget and HPA a bounded number of times, however many Deployments there are (linear, not every pair)", () => {
        const reads = { count: 0 };
        const counted = (resource: PolicyResource): PolicyResource => {
            const spec = resource.inputs.spec;
            return {
                ...resource,
                inputs: {
                    ...resource.inputs,
                    get spec() {
                        reads.count++;
                        return spec;
                    },
                },
            };
        };
        const apps = Array.from({ length: 300 }, (_, index) => `app-${index}`);
        const budgets = apps.map((app) => counted(pdb(app)));
        const scalers = apps.map((app) => counted(hpa(app, 2)));
        const byExpression = counted(
            changed(pdb("x"), (inputs) => (inputs.spec.selector = { matchExpressions: [{ key: "app", operator: "In", values: ["app-7"] }] })),
        );
        const resources = [...apps.map((app, index) => deployment(app, index % 2 ? 1 : 3)), ...budgets.slice(0, 200), byExpression, ...scalers];
        const violations = disruptionBudgets.checkStack(resources).map((v) => v.resource.name);
        assert.deepEqual(violations, apps.slice(200));
        assert.ok(reads.count <= 8 * (200 + 1 + 300) + 4 * 300, `${reads.count} reads of budgets' and HPAs' specs for 300 Deployments`);
    });

    it("load balancers: no LoadBalancer Service in dev; allowed elsewhere and for ClusterIP", () => {
        assert.deepEqual(noLoadBalancerInDev.check(service("ClusterIP")), []);
        assert.deepEqual(noLoadBalancerInDev.check(service("LoadBalancer", "prod")), []);
        assert.deepEqual(noLoadBalancerInDev.check(service("LoadBalancer", "dev")), [
            "spec.type must not be LoadBalancer in dev (env=dev); use ClusterIP and kubectl port-forward",
        ]);
    });
});
