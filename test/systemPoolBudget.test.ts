// The system node group's CPU and memory budget (docs/eks.md): the requests of every platform
// pod the prod plan declares, summed from the pinned charts rendered with the plan's values,
// the plan's own objects and the pods EKS and the Envoy Gateway controller add, against the
// allocatable of the group at its minimum size. Needs helm and the unpacked charts, as the
// chart tests do.
import { strict as assert } from "node:assert";
import { existsSync } from "node:fs";

import { readStackFile } from "../offline/stackFile";
import { referenceCharts, renderRelease } from "./cluster/lib/helmTemplate";
import { kubeVersionOf } from "./cluster/lib/variants";
import { evaluateStackFile, PROJECT_ROOT, Resources } from "./harness/evaluateStack";
import { findHelm } from "./harness/helmBinary";
import { groupAllocatable } from "./harness/nodeAllocatable";
import { total, workloadRequests, type WorkloadRequests } from "./harness/podRequests";

/** The share of the group's allocatable CPU and memory the platform may request (docs/eks.md). */
const PLATFORM_BUDGET = 0.7;
const MiB = 2 ** 20;

/**
 * Pods the plan does not render: the EKS managed add-ons' (their default manifests: CoreDNS two
 * replicas of 100m/70Mi, kube-proxy 100m, aws-node and its network policy agent 25m each, the EBS
 * CSI controller's six and node's three containers at 10m/40Mi) and the Envoy proxy Deployment the
 * Envoy Gateway controller makes (envoyproxy/gateway v1.9.0 api/v1alpha1/shared_types.go:24-33:
 * envoy 100m/512Mi, shutdown manager 10m/32Mi), with the proxy replicas the plan sets.
 */
function unrenderedPods(plan: Resources, nodes: number): WorkloadRequests[] {
    const proxy = plan.all.find((resource) => resource.type === "kubernetes:gateway.envoyproxy.io/v1alpha1:EnvoyProxy");
    const proxyReplicas = (proxy?.inputs as any)?.spec?.provider?.kubernetes?.envoyDeployment?.replicas ?? 1;
    return [
        { workload: "eks coredns", pods: 2, cpu: 0.1, memory: 70 * MiB },
        { workload: "eks kube-proxy", pods: nodes, cpu: 0.1, memory: 0 },
        { workload: "eks aws-node", pods: nodes, cpu: 0.05, memory: 0 },
        { workload: "eks ebs-csi-controller", pods: 2, cpu: 0.06, memory: 240 * MiB },
        { workload: "eks ebs-csi-node", pods: nodes, cpu: 0.03, memory: 120 * MiB },
        // Requests nothing (aws/eks-pod-identity-agent v0.1.37 charts/eks-pod-identity-agent/values.yaml:165).
        ...(plan.find("aws:eks/addon:Addon", "eks-pod-identity-agent") ? [{ workload: "eks pod-identity-agent", pods: nodes, cpu: 0, memory: 0 }] : []),
        ...(proxy ? [{ workload: "envoy-gateway proxy", pods: proxyReplicas, cpu: 0.11, memory: 544 * MiB }] : []),
    ];
}

describe("the system node group's budget (prod)", function () {
    const helm = findHelm();
    const platform: WorkloadRequests[] = [];
    const apps: WorkloadRequests[] = [];
    let group: { instanceTypes: string[]; minSize: number };

    before(async function () {
        if (!helm || !existsSync(referenceCharts())) {
            console.log(`      skipped: ${!helm ? "no helm (run test/cluster/build.sh, or put helm on PATH)" : `no charts at ${referenceCharts()}`}`);
            this.skip();
        }
        this.timeout(120_000);
        const plan = await evaluateStackFile("prod");
        group = JSON.parse(readStackFile(PROJECT_ROOT, "prod").config["platform:cluster"]).nodeGroups[0];
        const nodes = group.minSize;
        const kubeVersion = kubeVersionOf(plan.all);
        for (const release of plan.ofType("kubernetes:helm.sh/v3:Release")) {
            // The Prometheus Operator's CRs render only where their API exists, as on the cluster.
            for (const object of await renderRelease(release, { helm: helm!, kubeVersion, apiVersions: ["monitoring.coreos.com/v1"] })) {
                const pods = workloadRequests(release.name, object as any, nodes);
                platform.push(...(pods ? [pods] : []));
            }
        }
        const appNames = new Set(JSON.parse(readStackFile(PROJECT_ROOT, "prod").config["platform:apps"]).map((app: { name: string }) => app.name));
        for (const resource of plan.all.filter((candidate) => /^kubernetes:apps\/v1:(Deployment|StatefulSet|DaemonSet)$/.test(candidate.type))) {
            const pods = workloadRequests("plan", { kind: resource.type.split(":").pop(), ...(resource.inputs as object) }, nodes)!;
            (appNames.has(resource.name) ? apps : platform).push(pods);
        }
        platform.push(...unrenderedPods(plan, nodes));
    });

    it("leaves the platform's requests within the budget of the group's allocatable CPU and memory at its minimum size", () => {
        const allocatable = groupAllocatable(group.instanceTypes, group.minSize);
        const requested = total(platform);
        const withApps = total([...platform, ...apps]);
        const line = (name: string, used: number, of: number, unit: (value: number) => string) =>
            `${name}: platform ${unit(used)} of ${unit(of)} (${Math.round((100 * used) / of)} %), with the apps ${unit(withApps[name as "cpu" | "memory"])}`;
        const cpu = line("cpu", requested.cpu, allocatable.cpu, (value) => `${value.toFixed(2)} vCPU`);
        const memory = line("memory", requested.memory, allocatable.memory, (value) => `${(value / 2 ** 30).toFixed(1)} GiB`);
        console.log(`      ${group.minSize} × ${group.instanceTypes.join("|")}: ${cpu}; ${memory}`);
        assert.ok(requested.cpu <= PLATFORM_BUDGET * allocatable.cpu, cpu);
        assert.ok(requested.memory <= PLATFORM_BUDGET * allocatable.memory, memory);
    });

    it("counts every controller the add-ons install (nothing left out of the sum)", () => {
        for (const expected of [
            "karpenter-controller Deployment/karpenter",
            "admission-policy-kyverno Deployment/kyverno-admission-controller",
            "logs-loki StatefulSet/loki",
            "monitoring-kube-prometheus-stack Prometheus/kube-prometheus-stack-prometheus",
        ]) {
            assert.ok(
                platform.some((pods) => pods.workload === expected),
                expected,
            );
        }
    });
});
