// Teams: each namespace a team owns is a restricted namespace with the apps' network
// baseline, a ResourceQuota and a LimitRange; the team's access is a RoleBinding of the
// built-in edit/view ClusterRole on kind and existing clusters, and EKS access entries
// with a namespace-scoped access policy on EKS. Flux writes to the teams' namespaces.
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";

import { readStackFile } from "../offline/stackFile";
import { evaluateConfig, evaluateStackFile, PROJECT_ROOT, Resources } from "./harness/evaluateStack";
import { validValues } from "./harness/fixtures";

const T = {
    namespace: "kubernetes:core/v1:Namespace",
    quota: "kubernetes:core/v1:ResourceQuota",
    limitRange: "kubernetes:core/v1:LimitRange",
    roleBinding: "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
    networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
    accessEntry: "aws:eks/accessEntry:AccessEntry",
    association: "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
};
const DEVS = "arn:aws:iam::123456789012:role/backend-devs";
const AUDITOR = "arn:aws:iam::123456789012:user/auditor";

const teams = (list: unknown[]) => ({ "platform:teams": JSON.stringify(list) });
interface TeamEntry {
    name: string;
    namespaces: string[];
}
/** The stack file's own teams, less those named: the tests replace them with their own. */
const stackTeams = (stack: string, except: string[] = []) =>
    (JSON.parse(readStackFile(PROJECT_ROOT, stack).config["platform:teams"] ?? "[]") as TeamEntry[]).filter((team) => !except.includes(team.name));
/** The dev stack's app refers to this secret; the tests set it as `pulumi config set --secret` would. */
const DEV_SECRET = { "platform:externalIntegrationKey": "k" };
const inputs = (resources: Resources, type: string, name: string) => resources.get(type, name).inputs as Record<string, any>;

describe("teams", () => {
    describe("on kind (the dev stack)", () => {
        let resources: Resources;
        before(async () => {
            resources = await evaluateStackFile("dev", {
                ...DEV_SECRET,
                ...teams([
                    ...stackTeams("dev", ["backend"]),
                    {
                        name: "backend",
                        namespaces: ["backend-namespace", "backend-batch"],
                        quota: { requestsCpu: "2", pods: 20 },
                        limits: { default: { cpu: "1", memory: "512Mi" } },
                    },
                    { name: "audit", namespaces: ["audit"], access: "view", group: "auditors" },
                ]),
            });
        });

        it("creates each team namespace restricted, with the apps' label, even with no workload in it", () => {
            for (const name of ["backend-batch", "audit"]) {
                const labels = inputs(resources, T.namespace, name).metadata.labels;
                assert.equal(labels["pod-security.kubernetes.io/enforce"], "restricted");
                assert.equal(labels["platform.k8s-app-platform.io/apps"], "true");
            }
        });

        it("gives every team namespace the apps' default-deny and DNS policies", () => {
            for (const namespace of ["backend-namespace", "backend-batch", "audit"]) {
                assert.deepEqual(inputs(resources, T.networkPolicy, `${namespace}-default-deny`).spec, { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
                assert.equal(inputs(resources, T.networkPolicy, `${namespace}-allow-dns`).metadata.namespace, namespace);
            }
        });

        it("sets a quota per namespace from the team's values over the defaults, created after its namespace", () => {
            const quota = resources.get(T.quota, "backend-batch-quota");
            assert.deepEqual((quota.inputs as any).spec.hard, {
                "requests.cpu": "2",
                "requests.memory": "8Gi",
                "limits.cpu": "8",
                "limits.memory": "16Gi",
                pods: "20",
            });
            assert.ok(quota.dependsOn.includes(`${T.namespace}::backend-batch`));
            assert.equal((inputs(resources, T.quota, "audit-quota").spec.hard as any)["requests.cpu"], "4");
        });

        // A quota on requests.cpu makes the API refuse a pod that sets none (kubernetes v1.36.3
        // pkg/quota/v1/evaluator/core/pods.go:170 "must specify", k8s.io/apiserver v0.36.3
        // pkg/admission/plugin/resourcequota/controller.go:470-471 "failed quota"); the LimitRanger
        // plugin fills in the LimitRange's defaults first (plugin/pkg/admission/limitranger/admission.go:216-236).
        it("gives containers that set nothing default requests and limits, the team's overriding the platform's", () => {
            const [limit] = inputs(resources, T.limitRange, "backend-batch-limits").spec.limits;
            assert.deepEqual(limit, { type: "Container", defaultRequest: { cpu: "100m", memory: "128Mi" }, default: { cpu: "1", memory: "512Mi" } });
        });

        // edit and view are bootstrap ClusterRoles of every API server (kubernetes v1.36.3
        // plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go:383, 393).
        it("binds the team's group to the built-in edit or view ClusterRole in each of its namespaces", () => {
            const backend = inputs(resources, T.roleBinding, "backend-batch-access");
            assert.deepEqual(backend.roleRef, { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "edit" });
            assert.deepEqual(backend.subjects, [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "team-backend" }]);
            const audit = inputs(resources, T.roleBinding, "audit-access");
            assert.deepEqual([audit.metadata.namespace, audit.roleRef.name, audit.subjects[0].name], ["audit", "view", "auditors"]);
            assert.equal(resources.ofType(T.accessEntry).length, 0, "no EKS access entries off EKS");
        });

        it("leaves the stack as it is when no team is declared", async () => {
            const plain = await evaluateConfig(validValues());
            assert.deepEqual(
                [T.quota, T.limitRange].map((type) => plain.ofType(type).length),
                [0, 0],
            );
        });
    });

    describe("on EKS (the prod stack)", () => {
        let resources: Resources;
        before(async () => {
            resources = await evaluateStackFile(
                "prod",
                teams([
                    ...stackTeams("prod", ["backend"]),
                    { name: "backend", namespaces: ["backend-namespace", "backend-batch"], members: [DEVS] },
                    { name: "audit", namespaces: ["audit"], access: "view", members: [AUDITOR] },
                ]),
            );
        });

        // EKS access policies AmazonEKSEditPolicy / AmazonEKSViewPolicy (arn:<partition>:eks::aws:cluster-access-policy/<name>,
        // as AmazonEKSClusterAdminPolicy in components/cluster/eksCluster.ts); the scope's type is namespace or cluster,
        // and namespaces are required with namespace (CloudFormation AWS::EKS::AccessEntry AccessScope; @pulumi/aws 7.48.0
        // eks/accessPolicyAssociation.d.ts:14-16, 138).
        it("gives each member an access entry and the edit or view access policy scoped to the team's namespaces", () => {
            const entry = inputs(resources, T.accessEntry, "team-backend-role-backend-devs");
            assert.deepEqual([entry.principalArn, entry.type], [DEVS, "STANDARD"]);
            const edit = inputs(resources, T.association, "team-backend-role-backend-devs");
            assert.equal(edit.policyArn, "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy");
            assert.deepEqual(edit.accessScope, { type: "namespace", namespaces: ["backend-namespace", "backend-batch"] });
            const view = inputs(resources, T.association, "team-audit-user-auditor");
            assert.equal(view.policyArn, "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy");
            assert.deepEqual(view.accessScope, { type: "namespace", namespaces: ["audit"] });
            assert.equal(view.principalArn, AUDITOR);
        });

        // AssociateAccessPolicy needs the principal's access entry (EKS API reference, ResourceNotFoundException).
        it("associates the policy after the entry exists, on the same cluster", () => {
            const association = resources.get(T.association, "team-backend-role-backend-devs");
            const entry = resources.get(T.accessEntry, "team-backend-role-backend-devs");
            assert.ok(association.dependsOn.includes(`${T.accessEntry}::team-backend-role-backend-devs`));
            assert.equal((association.inputs as any).clusterName, (entry.inputs as any).clusterName);
        });

        it("binds no Kubernetes group on EKS: access comes from the access policies", () => {
            assert.equal(resources.find(T.roleBinding, "backend-namespace-access"), undefined);
            assert.ok(resources.find(T.quota, "audit-quota"));
        });
    });

    describe("GitOps", () => {
        const repository = { "platform:gitops": JSON.stringify({ enabled: true, repository: { url: "https://github.com/acme/platform.git" } }), ...DEV_SECRET };

        it("binds Flux's service account in every team namespace instead of gitops.kustomization.namespaces", async () => {
            const resources = await evaluateStackFile("dev", {
                ...repository,
                ...teams([...stackTeams("dev", ["backend", "helloworld"]), { name: "backend", namespaces: ["backend-namespace", "backend-batch"] }]),
            });
            const bindings = resources
                .ofType(T.roleBinding)
                .filter((binding) => binding.name.startsWith("gitops-applier-"))
                .map((binding) => (binding.inputs as any).metadata.namespace);
            assert.deepEqual(bindings.sort(), ["backend-batch", "backend-namespace", "data-namespace", "health-namespace"]);
            assert.equal(resources.find(T.namespace, "helloworld"), undefined, "the default kustomization namespace is not created");
        });

        it("keeps gitops.kustomization.namespaces without teams", async () => {
            const values = validValues();
            values.gitops = { enabled: true, repository: { url: "https://github.com/acme/platform.git" } };
            const resources = await evaluateConfig(values);
            assert.ok(resources.find(T.roleBinding, "gitops-applier-helloworld"));
        });
    });

    describe("the default stacks", () => {
        // The seeds run each service in its own namespace (backend-namespace, data-namespace,
        // health-namespace); the GitOps tree writes to the namespace its base names.
        const SEED_TEAMS = { backend: "backend-namespace", data: "data-namespace", health: "health-namespace" };
        const gitopsNamespace = (load(readFileSync(join(PROJECT_ROOT, "gitops/apps/base/helloworld/kustomization.yaml"), "utf8")) as { namespace: string })
            .namespace;
        const stacks: Record<string, Resources> = {};
        before(async () => {
            stacks.dev = await evaluateStackFile("dev", {
                ...DEV_SECRET,
                "platform:gitops": JSON.stringify({ enabled: true, repository: { url: "https://github.com/acme/platform.git" } }),
            });
            stacks.prod = await evaluateStackFile("prod");
        });

        for (const stack of ["dev", "prod"]) {
            it(`${stack}: one team per seed service group, and one for the GitOps tree's namespace, each owning its namespace`, () => {
                const declared = stackTeams(stack).map((team) => [team.name, team.namespaces]);
                assert.deepEqual(declared, [
                    ...Object.entries(SEED_TEAMS).map(([name, namespace]) => [name, [namespace]]),
                    [gitopsNamespace, [gitopsNamespace]],
                ]);
            });

            it(`${stack}: runs each seed service in its team's namespace`, () => {
                const resources = stacks[stack];
                const where = (type: string, name: string) => inputs(resources, type, name).metadata.namespace;
                // prod holds its apps back until their images are pushed, so only dev declares them offline.
                if (stack === "dev") {
                    assert.equal(where("kubernetes:apps/v1:Deployment", "backend-api"), SEED_TEAMS.backend);
                    assert.equal(where("kubernetes:apps/v1:Deployment", "data-api"), SEED_TEAMS.data);
                    assert.equal(where("kubernetes:batch/v1:CronJob", "health-check"), SEED_TEAMS.health);
                }
                const config = readStackFile(PROJECT_ROOT, stack).config;
                const namespaces = ["apps", "jobs"].flatMap((section) =>
                    (JSON.parse(config[`platform:${section}`]) as { namespace?: string }[]).map((workload) => workload.namespace),
                );
                assert.deepEqual(namespaces, [SEED_TEAMS.backend, SEED_TEAMS.data, SEED_TEAMS.health]);
                // A scaling query names its app's namespace, or KEDA scales on a series that does not exist.
                for (const app of JSON.parse(config["platform:apps"]) as { namespace: string; autoscaling?: { metrics?: { query: string }[] } }[]) {
                    for (const metric of app.autoscaling?.metrics ?? []) {
                        assert.match(metric.query, new RegExp(`namespace="${app.namespace}"`));
                    }
                }
            });

            it(`${stack}: gives every team namespace restricted Pod Security, quota, limits, default deny with DNS, and its access`, () => {
                const resources = stacks[stack];
                for (const team of stackTeams(stack)) {
                    for (const namespace of team.namespaces) {
                        const labels = inputs(resources, T.namespace, namespace).metadata.labels;
                        assert.equal(labels["pod-security.kubernetes.io/enforce"], "restricted", namespace);
                        assert.equal(labels["platform.k8s-app-platform.io/apps"], "true", namespace);
                        assert.ok(resources.find(T.quota, `${namespace}-quota`), `${namespace} quota`);
                        assert.ok(resources.find(T.limitRange, `${namespace}-limits`), `${namespace} limits`);
                        assert.deepEqual(inputs(resources, T.networkPolicy, `${namespace}-default-deny`).spec, {
                            podSelector: {},
                            policyTypes: ["Ingress", "Egress"],
                        });
                        assert.equal(inputs(resources, T.networkPolicy, `${namespace}-allow-dns`).metadata.namespace, namespace);
                        const binding = resources.find(T.roleBinding, `${namespace}-access`);
                        if (stack === "dev") {
                            assert.deepEqual(
                                (binding?.inputs as any).subjects,
                                [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: `team-${team.name}` }],
                                namespace,
                            );
                            assert.equal((binding?.inputs as any).roleRef.name, "edit");
                        } else {
                            // EKS access is per member; the default stack names none (an access entry needs an IAM principal that exists).
                            assert.equal(binding, undefined, namespace);
                        }
                    }
                }
                if (stack === "prod") {
                    assert.deepEqual(
                        resources.ofType(T.accessEntry).filter((entry) => entry.name.startsWith("team-")),
                        [],
                    );
                }
            });
        }

        it("dev: lands the GitOps tree in a team namespace with the network baseline, where Flux is bound", () => {
            const resources = stacks.dev;
            assert.ok(stackTeams("dev").some((team) => team.namespaces.includes(gitopsNamespace)));
            assert.ok(resources.find(T.networkPolicy, `${gitopsNamespace}-default-deny`) && resources.find(T.networkPolicy, `${gitopsNamespace}-allow-dns`));
            assert.equal(inputs(resources, T.roleBinding, `gitops-applier-${gitopsNamespace}`).metadata.namespace, gitopsNamespace);
        });
    });
});
