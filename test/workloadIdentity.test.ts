// cluster.workloadIdentity: EKS Pod Identity by default, IRSA on request. Every AWS role of the
// prod stack is bound the chosen way, the agent runs before anything asks it for credentials,
// and moving a stack between the modes changes credentials only: no release, add-on or role is
// replaced (replacement rules: offline/plan/replacements.ts, from terraform-provider-aws).
import * as assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { AWS_PLUGIN_IMAGE, VELERO_IMAGE_TAG } from "../components/addons/backups/charts";
import { ASSOCIATION_SETTLE_SECONDS, IRSA_ROLE_ANNOTATION, WORKLOAD_IDENTITY_ANNOTATION } from "../components/cluster/workloadIdentity";
import { runPlan } from "../offline/plan/runPlan";
import { readStackFile } from "../offline/stackFile";
import FACTS from "./fixtures/reference/podIdentity.json";
import { assertProblem, problemsOf } from "./harness/configProblems";
import { evaluateStackFile, PROJECT_ROOT, Resources } from "./harness/evaluateStack";
import { validValues } from "./harness/fixtures";
import { T } from "./harness/resourceTypes";
import { roleBinding, trustOf, withWorkloadIdentity } from "./harness/workloadIdentity";

const AGENT = `${T.addon}::eks-pod-identity-agent`;
/** The roles pods assume (`<name>-role`); the node roles are EC2's. */
const serviceAccountRoles = (plan: Resources) =>
    plan
        .ofType(T.role)
        .filter((role) => !/(ec2|vpc-flow-logs)\.amazonaws\.com/.test(String((role.inputs as { assumeRolePolicy: string }).assumeRolePolicy)))
        .map((role) => role.name.replace(/-role$/, ""));

describe("workload identity on EKS", () => {
    let podIdentity: Resources;
    let irsa: Resources;
    before(async function () {
        this.timeout(60_000);
        podIdentity = await evaluateStackFile("prod");
        irsa = await evaluateStackFile("prod", withWorkloadIdentity("prod", "irsa"));
    });

    it("binds every role of a service account by Pod Identity in the default prod stack: no IRSA trust left", () => {
        const roles = serviceAccountRoles(podIdentity);
        // The Load Balancer Controller, ExternalDNS, External Secrets, Velero, Loki, Karpenter, the EBS CSI driver and the VPC CNI.
        assert.equal(roles.length, 8, roles.join(", "));
        for (const role of roles) {
            const binding = roleBinding(podIdentity, role);
            assert.equal(binding.mode, "podIdentity", role);
            assert.deepEqual(binding.associated, binding.serviceAccounts, `${role}: bound to exactly the service account its trust admits`);
        }
        assert.ok(!JSON.stringify(podIdentity.all).includes("AssumeRoleWithWebIdentity"));
        assert.ok(!JSON.stringify(podIdentity.all).includes("eks.amazonaws.com/role-arn"));
    });

    it("installs the Pod Identity agent before the nodes, and every association after it", () => {
        assert.equal((podIdentity.get(T.addon, "eks-pod-identity-agent").inputs as { addonName: string }).addonName, "eks-pod-identity-agent");
        assert.ok(podIdentity.get(T.nodeGroup, "general").dependsOn.includes(AGENT));
        for (const addon of ["vpc-cni", "aws-ebs-csi-driver"]) {
            assert.ok(podIdentity.get(T.addon, addon).dependsOn.includes(AGENT), `${addon}'s association is served by the agent`);
        }
        const associations = podIdentity.ofType(T.podIdentityAssociation);
        assert.equal(associations.length, 6);
        for (const association of associations) {
            assert.ok(association.dependsOn.includes(AGENT), association.name);
        }
    });

    // EKS injects the credentials' environment when a pod is created, and a new association may take several seconds to
    // be effective (EKS API reference, CreatePodIdentityAssociation): the releases wait for the association and a pause after it.
    it("starts each release whose pods assume a role after its association has settled", () => {
        for (const association of podIdentity.ofType(T.podIdentityAssociation)) {
            const { namespace } = association.inputs as { namespace: string };
            const settle = podIdentity.get("command:local:Command", `${association.name}-settle`);
            assert.equal((settle.inputs as { create: string }).create, `sleep ${ASSOCIATION_SETTLE_SECONDS}`);
            assert.ok(settle.dependsOn.includes(`${T.podIdentityAssociation}::${association.name}`));
            const releases = podIdentity.ofType(T.release).filter((release) => (release.inputs as { namespace: string }).namespace === namespace);
            const users = releases.filter((release) =>
                podIdentity.dependenciesOf(`${T.release}::${release.name}`).has(`command:local:Command::${association.name}-settle`),
            );
            assert.ok(users.length > 0, `${association.name}: no release in ${namespace} waits for it`);
        }
    });

    // What was read at each pinned version: the AWS SDK in the controller's go.mod is at least the one AWS names for
    // Pod Identity (pod-id-minimum-sdk.adoc), and it loads the default credential chain. A chart bump must re-read it.
    it("runs, in every release whose pods assume a role, the chart and images whose SDK was read to take Pod Identity credentials", () => {
        let checked = 0;
        {
            // The releases whose pods carry the mode: those that run as a bound service account (chartRender.test.ts).
            for (const release of podIdentity
                .ofType(T.release)
                .filter((r) => JSON.stringify((r.inputs as any).values).includes(WORKLOAD_IDENTITY_ANNOTATION))) {
                const { chart, version } = release.inputs as { chart: string; version: string };
                const chartName = chart.split("/").pop();
                const facts = FACTS.components.filter((fact) => fact.chart.split(" ")[0] === chartName);
                assert.ok(facts.length > 0, `${release.name}: no facts for chart ${chartName}`);
                for (const fact of facts) {
                    assert.deepEqual([fact.chartVersion, fact.supported], [version, true], `${release.name}: ${fact.component}`);
                }
                checked++;
            }
        }
        assert.equal(checked, 6);
        const imageOf = (component: string) => FACTS.components.find((fact) => fact.component === component)!.imageTag;
        assert.ok(imageOf("velero-plugin-for-aws").startsWith(AWS_PLUGIN_IMAGE));
        assert.ok(imageOf("Velero server").startsWith(`velero/velero:${VELERO_IMAGE_TAG}`));
    });

    it("with workloadIdentity irsa: the same roles trust the cluster's OIDC provider for the same service accounts, with no agent and no association", () => {
        assert.deepEqual(serviceAccountRoles(irsa), serviceAccountRoles(podIdentity));
        for (const role of serviceAccountRoles(irsa)) {
            const binding = roleBinding(irsa, role);
            assert.equal(binding.mode, "irsa", role);
            assert.deepEqual(binding.serviceAccounts, roleBinding(podIdentity, role).serviceAccounts, role);
            assert.deepEqual(binding.associated, [], role);
        }
        assert.equal(irsa.find(T.addon, "eks-pod-identity-agent"), undefined);
        assert.equal(
            (irsa.get(T.addon, "vpc-cni").inputs as { serviceAccountRoleArn: string }).serviceAccountRoleArn,
            "arn:aws:iam::123456789012:role/vpc-cni-role",
        );
    });

    it("reads both trusts as one mode each (the harness refuses a mixed or empty trust)", () => {
        assert.throws(() => trustOf(JSON.stringify({ Statement: [] })), /one workload identity mode/);
    });
});

describe("plan diff of switching workload identity", () => {
    let dir: string;
    before(() => (dir = mkdtempSync(join(tmpdir(), "identity-diff-"))));
    after(() => rmSync(dir, { recursive: true, force: true }));

    const plan = (out: string, mode: "podIdentity" | "irsa", against?: string) =>
        runPlan({
            projectRoot: PROJECT_ROOT,
            stack: "prod",
            outDir: join(dir, out),
            ...(against ? { against: join(dir, against) } : {}),
            extraConfig: withWorkloadIdentity("prod", mode),
        });

    it("changes credentials only, both ways: roles' trust, add-ons' bindings, chart annotations; adds or removes the agent and the associations; replaces nothing", async function () {
        this.timeout(120_000);
        await plan("irsa", "irsa");
        const toPodIdentity = (await plan("pod-identity", "podIdentity", "irsa")).diff!;
        const back = (await plan("irsa-again", "irsa", "pod-identity")).diff!;
        for (const [diff, created, deleted] of [
            [toPodIdentity, "added", "removed"],
            [back, "removed", "added"],
        ] as const) {
            assert.deepEqual(
                diff.changed.filter((change) => change.replaced),
                [],
                "nothing is replaced",
            );
            assert.deepEqual(diff[deleted], []);
            const settles = diff[created].filter((key) => key.startsWith("command:local:Command::") && key.endsWith("-pod-identity-settle"));
            assert.ok(
                diff[created].every((key) => key.startsWith(T.podIdentityAssociation) || key === AGENT || settles.includes(key)),
                diff[created].join(", "),
            );
            assert.equal(diff[created].length, 13, "the agent, and per add-on role an association and its settling wait");
            const unexpected = diff.changed.filter(
                (change) =>
                    !change.paths.every(
                        (path) =>
                            path === "assumeRolePolicy" ||
                            path === "serviceAccountRoleArn" ||
                            path === "podIdentityAssociations" ||
                            /^dependsOn(\[\d+\])?$/.test(path) ||
                            /^values\.(.+\.)?(serviceAccount(\.server)?\.annotations|podAnnotations)(\.|$)/.test(path),
                    ),
            );
            assert.deepEqual(unexpected, [], "nothing but credentials changes");
            const releases = diff.changed
                .filter((change) => change.key.startsWith(T.release) && change.paths.some((path) => path.startsWith("values.")))
                .map((change) => change.key);
            assert.equal(releases.length, 6, `the six releases with a role roll their pods: ${releases.join(", ")}`);
        }
    });
});

describe("an app's AWS access (apps[].awsPolicyArns)", () => {
    const S3_READ = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
    /** The prod stack's apps, the first given S3 read access, in the given mode. */
    const withAwsAccess = (mode: "podIdentity" | "irsa") => {
        const apps = JSON.parse(readStackFile(PROJECT_ROOT, "prod").config["platform:apps"]) as Record<string, unknown>[];
        apps[0] = { ...apps[0], awsPolicyArns: [S3_READ] };
        return { ...withWorkloadIdentity("prod", mode), "platform:apps": JSON.stringify(apps) };
    };

    for (const mode of ["podIdentity", "irsa"] as const) {
        it(`${mode}: gives the app a role with its policies, bound to its own service account, its pods carrying the mode and started after the binding`, async function () {
            this.timeout(60_000);
            const plan = await evaluateStackFile("prod", withAwsAccess(mode));
            const app = JSON.parse(readStackFile(PROJECT_ROOT, "prod").config["platform:apps"])[0].name as string;
            const deployment = plan.get(T.deployment, app);
            const namespace = (deployment.inputs as any).metadata.namespace;
            const pod = (deployment.inputs as any).spec.template;
            const account = `${namespace}:${pod.spec.serviceAccountName}`;
            const binding = roleBinding(plan, `${app}-aws`);
            assert.deepEqual([binding.mode, binding.serviceAccounts, binding.associated], [mode, [account], mode === "podIdentity" ? [account] : []]);
            assert.deepEqual((plan.get(T.attachment, `${app}-aws-policy`).inputs as any).policyArn, S3_READ);
            assert.equal(pod.metadata.annotations[WORKLOAD_IDENTITY_ANNOTATION], mode);
            const annotations = (plan.get("kubernetes:core/v1:ServiceAccount", app).inputs as any).metadata.annotations ?? {};
            assert.equal(annotations[IRSA_ROLE_ANNOTATION], mode === "irsa" ? `arn:aws:iam::123456789012:role/${app}-aws-role` : undefined);
            assert.ok(plan.dependenciesOf(`${T.deployment}::${app}`).has(`${T.role}::${app}-aws-role`));
        });
    }

    it("leaves the apps without awsPolicyArns as they are: no role, no annotation", async () => {
        const plan = await evaluateStackFile("prod");
        assert.deepEqual(
            plan.ofType(T.role).filter((role) => role.name.endsWith("-aws-role")),
            [],
        );
        for (const deployment of plan.ofType(T.deployment)) {
            assert.equal((deployment.inputs as any).spec.template.metadata.annotations?.[WORKLOAD_IDENTITY_ANNOTATION], undefined, deployment.name);
        }
    });

    it("refuses AWS access off EKS, and what is not a managed policy's ARN", () => {
        const values = validValues();
        values.apps[0].awsPolicyArns = [S3_READ];
        assertProblem(problemsOf(values), "apps[0].awsPolicyArns", /needs an EKS cluster/);
        values.apps[0].awsPolicyArns = ["arn:aws:iam::123456789012:role/not-a-policy"];
        assertProblem(problemsOf(values), "apps[0].awsPolicyArns[0]", /ARN of an IAM managed policy/);
    });
});
