// The admission-policy add-on: Kyverno's values, the ValidatingPolicies against their CRD,
// what they refuse, whom they leave alone, and the platform's own objects of both default
// plans passing every one of them (the offline plan runs the same check).
import * as assert from "node:assert/strict";

import { KYVERNO_CHART } from "../components/addons/admissionPolicy/charts";
import { kyvernoValues } from "../components/addons/admissionPolicy/kyvernoValues";
import { admissionPolicies, policyScope, SYSTEM_NAMESPACES } from "../components/addons/admissionPolicy/policies";
import { reportsControllerReads, VIEW_ROLE_READS } from "../components/addons/admissionPolicy/reportsAccess";
import { runPlan } from "../offline/plan/runPlan";
import { readStackFile } from "../offline/stackFile";
import { evaluatePolicy, policyMatches } from "../offline/validation/validatingPolicies";
import { chartCheck, unknownValueKeys } from "./harness/chartKeys";
import { schemaProblems } from "./harness/crdSchema";
import { evaluateStackFile, PROJECT_ROOT } from "./harness/evaluateStack";
import { crdSchema } from "./harness/reference";
import { scratchDir } from "./harness/scratchDir";

const SCOPE = policyScope({
    platformNamespaces: [
        { name: "apps", podSecurity: "restricted", labels: { "platform.k8s-app-platform.io/apps": "true" } },
        { name: "monitoring", podSecurity: "privileged" },
        { name: "logging", podSecurity: "restricted" },
    ],
    distributionNamespaces: [],
    exempt: [],
});
const POLICIES = admissionPolicies("Enforce", SCOPE);
const byName = (name: string) => POLICIES.find((policy) => policy.metadata.name === name)!;

/** A Deployment as the platform writes one: restricted, labelled, pinned, with resources. */
function deployment(): any {
    return {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "web", namespace: "team", labels: { app: "web", env: "dev" } },
        spec: {
            template: {
                metadata: { labels: { app: "web", env: "dev" } },
                spec: {
                    securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
                    containers: [
                        {
                            name: "web",
                            image: "ghcr.io/acme/web:1.2.3",
                            resources: { requests: { cpu: "100m", memory: "64Mi" }, limits: { cpu: "1", memory: "128Mi" } },
                            securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
                        },
                    ],
                },
            },
        },
    };
}

const findings = (object: any) => POLICIES.flatMap((policy) => evaluatePolicy(policy as any, object)).map((f) => `${f.policy}: ${f.message}`);

describe("admission-policy add-on", () => {
    it("writes ValidatingPolicies the v1.19 CRD accepts (the deprecated ClusterPolicy is not used)", () => {
        const schema = crdSchema("policies.kyverno.io_validatingpolicies", "v1");
        for (const policy of POLICIES) {
            assert.deepEqual(schemaProblems(policy, schema), [], policy.metadata.name);
            assert.equal(policy.apiVersion, "policies.kyverno.io/v1");
        }
    });

    it("denies under Enforce and fails closed; only reports under Audit and never blocks", () => {
        assert.deepEqual([POLICIES[0].spec.validationActions, POLICIES[0].spec.failurePolicy], [["Deny"], "Fail"]);
        const audit = admissionPolicies("Audit", SCOPE)[0];
        assert.deepEqual([audit.spec.validationActions, audit.spec.failurePolicy], [["Audit"], "Ignore"]);
        assert.equal(audit.spec.evaluation.background.enabled, true);
    });

    it("matches pods and their controllers itself: Kyverno's autogen applies only to a pods-only match (pkg/cel/autogen/support.go:13-41)", () => {
        const rules = byName("platform-pod-security-restricted").spec.matchConstraints.resourceRules;
        assert.ok(rules.length > 1);
        assert.deepEqual(rules.flatMap((rule) => rule.resources).sort(), ["cronjobs", "daemonsets", "deployments", "jobs", "pods", "statefulsets"]);
    });

    it("passes a Deployment written the platform's way", () => {
        assert.deepEqual(findings(deployment()), []);
    });

    it("refuses each broken rule with its own message", () => {
        const cases: [string, (d: any) => void, RegExp][] = [
            ["privileged", (d) => (d.spec.template.spec.containers[0].securityContext.privileged = true), /must not be privileged/],
            ["hostNetwork", (d) => (d.spec.template.spec.hostNetwork = true), /host's network/],
            ["hostPath", (d) => (d.spec.template.spec.volumes = [{ name: "h", hostPath: { path: "/" } }]), /no hostPath/],
            ["escalation", (d) => (d.spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation = true), /allowPrivilegeEscalation/],
            ["root", (d) => (d.spec.template.spec.securityContext.runAsUser = 0), /user 0/],
            ["non-root unset", (d) => delete d.spec.template.spec.securityContext.runAsNonRoot, /non-root/],
            ["seccomp", (d) => delete d.spec.template.spec.securityContext.seccompProfile, /seccomp/],
            ["capabilities", (d) => (d.spec.template.spec.containers[0].securityContext.capabilities = { drop: ["ALL"], add: ["SYS_ADMIN"] }), /capabilities/],
            ["latest", (d) => (d.spec.template.spec.containers[0].image = "nginx:latest"), /pinned/],
            ["untagged", (d) => (d.spec.template.spec.containers[0].image = "nginx"), /pinned/],
            ["limits", (d) => delete d.spec.template.spec.containers[0].resources.limits, /resources\.limits\.cpu/],
            ["env label", (d) => delete d.metadata.labels.env, /labels 'app' and 'env'/],
        ];
        for (const [name, breakIt, message] of cases) {
            const object = deployment();
            breakIt(object);
            const found = findings(object);
            assert.equal(found.length, 1, `${name}: ${found.join("; ")}`);
            assert.match(found[0], message, name);
        }
        // A digest pins even the latest tag, as the platform's own rule has it.
        const digest = deployment();
        digest.spec.template.spec.containers[0].image = `nginx:latest@sha256:${"a".repeat(64)}`;
        assert.deepEqual(findings(digest), []);
    });

    it("reads CronJobs' and Pods' pod specs too", () => {
        const cronJob = {
            apiVersion: "batch/v1",
            kind: "CronJob",
            metadata: { name: "c", namespace: "team", labels: { app: "c", env: "dev" } },
            spec: { jobTemplate: { spec: deployment().spec } },
        };
        assert.deepEqual(findings(cronJob), []);
        const pod = {
            apiVersion: "v1",
            kind: "Pod",
            metadata: { name: "p", namespace: "team", labels: { app: "p", env: "dev" } },
            spec: { ...deployment().spec.template.spec, hostPID: true },
        };
        assert.deepEqual(
            findings(pod).map((f) => f.split(":")[0]),
            ["platform-pod-security-restricted"],
        );
    });

    it("leaves system namespaces alone, privileged platform namespaces out of Pod Security, and add-on namespaces out of the conventions", () => {
        assert.deepEqual(SCOPE.podSecurityExempt, [...SYSTEM_NAMESPACES, "monitoring"].sort());
        assert.deepEqual(SCOPE.conventionsExempt, [...SYSTEM_NAMESPACES, "logging", "monitoring"].sort());
        const inMonitoring = deployment();
        inMonitoring.metadata.namespace = "monitoring";
        inMonitoring.spec.template.spec.hostNetwork = true;
        assert.equal(policyMatches(byName("platform-pod-security-restricted") as any, inMonitoring), false);
        const inLogging = deployment();
        inLogging.metadata.namespace = "logging";
        delete inLogging.metadata.labels.env;
        assert.deepEqual(findings(inLogging), []);
    });

    // A team namespace is an application namespace whether or not a workload of the stack runs
    // there: what Flux or a team member puts in it meets the same policies as the apps.
    it("judges every team namespace by all four policies, one without any workload of the stack too", async () => {
        const stackTeams = JSON.parse(readStackFile(PROJECT_ROOT, "dev").config["platform:teams"]);
        const resources = await evaluateStackFile("dev", {
            "platform:externalIntegrationKey": "k",
            "platform:teams": JSON.stringify([...stackTeams, { name: "reports", namespaces: ["reports"] }]),
        });
        const policies = resources.ofType("kubernetes:policies.kyverno.io/v1:ValidatingPolicy").map((r) => r.inputs as any);
        assert.equal(policies.length, 4);
        const teamNamespaces = [...stackTeams.flatMap((team: { namespaces: string[] }) => team.namespaces), "reports"];
        for (const namespace of teamNamespaces) {
            const object = deployment();
            object.metadata.namespace = namespace;
            assert.deepEqual(
                policies.filter((policy) => !policyMatches(policy, object)).map((policy) => policy.metadata.name),
                [],
                `${namespace} is judged by every policy`,
            );
        }
        // The add-ons' namespaces stay out of the conventions.
        const inMonitoring = { ...deployment(), metadata: { ...deployment().metadata, namespace: "monitoring" } };
        assert.ok(policies.some((policy) => !policyMatches(policy, inMonitoring)));
    });

    it("exempts what Kubernetes and Helm create in every namespace without the platform's labels", () => {
        const labels = byName("platform-workload-labels");
        for (const object of [
            { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "kube-root-ca.crt", namespace: "team" } },
            { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default", namespace: "team" } },
            { apiVersion: "v1", kind: "Secret", type: "helm.sh/release.v1", metadata: { name: "sh.helm.release.v1.x.v1", namespace: "team" } },
        ]) {
            assert.deepEqual(evaluatePolicy(labels as any, object), [], object.metadata.name);
        }
        assert.equal(evaluatePolicy(labels as any, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "other", namespace: "team" } }).length, 1);
    });

    it("exempts the API server's own Service in default, which carries provider/component labels only (kubernetesservice/controller.go:226-241 at v1.36.3)", () => {
        const labels = byName("platform-workload-labels");
        const apiserverService = {
            apiVersion: "v1",
            kind: "Service",
            metadata: { name: "kubernetes", namespace: "default", labels: { provider: "kubernetes", component: "apiserver" } },
        };
        assert.deepEqual(evaluatePolicy(labels as any, apiserverService), []);
        // Any other unlabelled Service in default, or a Service named kubernetes elsewhere, is judged.
        assert.equal(evaluatePolicy(labels as any, { ...apiserverService, metadata: { ...apiserverService.metadata, name: "web" } }).length, 1);
        assert.equal(evaluatePolicy(labels as any, { ...apiserverService, metadata: { ...apiserverService.metadata, namespace: "team" } }).length, 1);
    });

    it("leaves kind's local-path-storage alone on kind stacks only: the provisioner's helper pods mount hostPath as root (kind v0.32.0 pkg/build/nodeimage/const_storage.go:35-46, 199-213)", async () => {
        // A helper pod as local-path-provisioner starts one for each volume: kind's helperPod.yaml
        // template, with the hostPath volume and the VOL_DIR command the provisioner adds.
        const helperPod = {
            apiVersion: "v1",
            kind: "Pod",
            metadata: { name: "helper-pod-create-pvc-1", namespace: "local-path-storage" },
            spec: {
                priorityClassName: "system-node-critical",
                containers: [{ name: "helper-pod", image: "docker.io/kindest/local-path-helper:v20260131-7181c60a", command: ["/bin/sh", "/script/setup"] }],
                volumes: [{ name: "data", hostPath: { path: "/var/local-path-provisioner", type: "DirectoryOrCreate" } }],
            },
        };
        const judgedBy = async (stack: string) => {
            const resources = await evaluateStackFile(stack, stack === "dev" ? { "platform:externalIntegrationKey": "k" } : {});
            const policies = resources.ofType("kubernetes:policies.kyverno.io/v1:ValidatingPolicy").map((r) => r.inputs as any);
            assert.equal(policies.length, 4, stack);
            return policies.filter((policy) => policyMatches(policy, helperPod)).map((policy) => policy.metadata.name);
        };
        assert.deepEqual(await judgedBy("dev"), [], "kind: the distribution's namespace is exempt from every policy");
        // Without the exemption the helper pod breaks the restricted profile: on Enforce no PVC would bind.
        assert.ok(findings(helperPod).some((finding) => finding.startsWith("platform-pod-security-restricted")));
        assert.equal((await judgedBy("prod")).length, 4, "EKS has no such namespace of its own: one of that name is judged");
    });

    it("lets the reports controller read every resource a policy matches: view plus exactly what view leaves out (policystatus/controller.go:379-390, 462-478)", async () => {
        const readable = (rules: { apiGroups: readonly string[]; resources: readonly string[] }[], group: string, resource: string) =>
            rules.some((rule) => rule.apiGroups.includes(group) && rule.resources.includes(resource));
        for (const stack of ["dev", "prod"]) {
            const resources = await evaluateStackFile(stack, stack === "dev" ? { "platform:externalIntegrationKey": "k" } : {});
            const policies = resources.ofType("kubernetes:policies.kyverno.io/v1:ValidatingPolicy").map((r) => r.inputs as any);
            const values = (resources.get("kubernetes:helm.sh/v3:Release", "admission-policy-kyverno").inputs as any).values;
            const extra = values.reportsController.rbac.clusterRole.extraResources as { apiGroups: string[]; resources: string[] }[];
            const view = Object.entries(VIEW_ROLE_READS).map(([group, names]) => ({ apiGroups: [group], resources: [...names] }));
            const matched = policies.flatMap((policy) =>
                policy.spec.matchConstraints.resourceRules.flatMap((rule: any) =>
                    rule.apiGroups.flatMap((g: string) => rule.resources.map((r: string) => [g, r])),
                ),
            );
            for (const [group, resource] of matched) {
                assert.ok(readable([...view, ...extra], group, resource), `${stack}: the reports controller cannot read ${group}/${resource}`);
            }
            // Nothing beyond the policies' resources, and nothing view already grants.
            for (const rule of extra) {
                for (const group of rule.apiGroups) {
                    for (const resource of rule.resources) {
                        assert.ok(
                            matched.some(([g, r]: string[]) => g === group && r === resource),
                            `${stack}: ${group}/${resource} is read but no policy matches it`,
                        );
                        assert.ok(!readable(view, group, resource), `${stack}: ${group}/${resource} is already in view`);
                    }
                }
            }
            // The two the issue found missing: Secrets (view excludes them) and ServiceMonitors (no aggregated role).
            assert.ok(readable(extra, "", "secrets") && readable(extra, "monitoring.coreos.com", "servicemonitors"), stack);
        }
    });

    it("runs three admission replicas on EKS (the chart then adds a PDB, values.yaml:1229-1232), with only keys the chart reads", () => {
        const r = { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } };
        const values = kyvernoValues({
            admissionReplicas: 3,
            serviceMonitors: true,
            resources: { admission: r, controller: r },
            reportsReads: reportsControllerReads(POLICIES),
        });
        assert.equal((values.admissionController as any).replicas, 3);
        assert.deepEqual(unknownValueKeys(values, chartCheck(KYVERNO_CHART)), []);
    });

    for (const stack of ["dev", "prod"]) {
        it(`lets every object the ${stack} plan declares pass the platform's own admission policies`, async () => {
            const outDir = scratchDir(`admission-${stack}`);
            const extraConfig: Record<string, string> = stack === "dev" ? { "platform:externalIntegrationKey": "k" } : {};
            const plan = await runPlan({ projectRoot: PROJECT_ROOT, stack, outDir, extraConfig, extraSecretKeys: Object.keys(extraConfig) });
            const policies = plan.manifests.filter((m) => m.object.kind === "ValidatingPolicy");
            assert.equal(policies.length, 4);
            assert.equal((policies[0].object as any).spec.validationActions[0], stack === "dev" ? "Audit" : "Deny");
            const judged = plan.manifests.filter((m) => policies.some((p) => policyMatches(p.object as any, m.object)));
            // The apps' Deployments, Services, HPAs, ... and the health check's CronJob are judged, not skipped.
            assert.ok(judged.some((m) => m.object.kind === "Deployment") && judged.some((m) => m.object.kind === "CronJob"), stack);
            assert.deepEqual(
                plan.violations.filter((v) => v.check.startsWith("admission:")),
                [],
            );
            assert.deepEqual(plan.violations, []);
            // Each policy after Kyverno's release (its CRD and webhook): `destroy` deletes the policies first.
            const policyResources = plan.resources.filter((r) => r.type === "kubernetes:policies.kyverno.io/v1:ValidatingPolicy");
            assert.equal(policyResources.length, 4);
            assert.ok(policyResources.every((r) => r.dependsOn.includes("kubernetes:helm.sh/v3:Release::admission-policy-kyverno")));
        });
    }
});
