import * as assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { changedPaths, diffPlans } from "../../offline/plan/diff";
import type { PlanResource } from "../../offline/plan/planResource";
import { replacement } from "../../offline/plan/replacements";
import { runPlan } from "../../offline/plan/runPlan";
import { readStackFile } from "../../offline/stackFile";
import { PROJECT_ROOT } from "../harness/evaluateStack";

const resource = (type: string, name: string, inputs: Record<string, unknown>, extra: Partial<PlanResource> = {}): PlanResource => ({
    type,
    name,
    parent: null,
    provider: null,
    dependsOn: [],
    protect: false,
    inputs,
    ...extra,
});

describe("plan diff", () => {
    let dir: string;
    before(() => (dir = mkdtempSync(join(tmpdir(), "plan-diff-"))));
    after(() => rmSync(dir, { recursive: true, force: true }));
    /** The stack's plan with the extra config, written to `outName` and compared with the plan in `baseName`. */
    const planAgainst = (stack: string, outName: string, baseName: string, extraConfig: Record<string, string>) =>
        runPlan({ projectRoot: PROJECT_ROOT, stack, outDir: join(dir, outName), against: join(dir, baseName), extraConfig });

    it("finds a changed replica bound in diff.md, with its input path and manifest lines", async () => {
        await runPlan({ projectRoot: PROJECT_ROOT, stack: "dev", outDir: join(dir, "base") });
        const apps = JSON.parse(readStackFile(PROJECT_ROOT, "dev").config["platform:apps"]);
        // data-api scales by CPU: its HPA is the platform's (backend-api's belongs to its ScaledObject).
        apps[1].replicas.max = 6;
        const result = await planAgainst("dev", "pr", "base", { "platform:apps": JSON.stringify(apps) });
        const markdown = readFileSync(join(dir, "pr", "diff.md"), "utf8");
        assert.match(markdown, /0 to add, \d+ to change \(0 replaced\), 0 to remove\./);
        assert.match(markdown, /- `kubernetes:autoscaling\/v2:HorizontalPodAutoscaler::data-api`: `spec\.maxReplicas`/);
        assert.match(markdown, /```diff[\s\S]*-\s+maxReplicas: 4\n\+\s+maxReplicas: 6[\s\S]*```/);
        assert.ok(result.files.some((file) => file.endsWith("diff.md")));
        assert.match(result.report, /Against the previous plan: 0 to add, \d+ to change, 0 to remove \(diff\.md\)\.\nNothing would be replaced\./);
    });

    it("calls out a change that recreates the kind cluster, and every object on its provider", async () => {
        const cluster = JSON.parse(readStackFile(PROJECT_ROOT, "dev").config["platform:cluster"]);
        const result = await planAgainst("dev", "workers", "base", { "platform:cluster": JSON.stringify({ ...cluster, workers: 2 }) });
        const markdown = readFileSync(join(dir, "workers", "diff.md"), "utf8");
        assert.match(
            markdown,
            /\*\*`command:local:Command::kind-cluster`\*\*: `triggers\[0\]` changed — the kind cluster is deleted and created again: everything in it starts empty \(metrics and dashboards, the health-check volume, every app\)/,
        );
        assert.match(
            markdown,
            /\*\*`pulumi:providers:kubernetes::cluster`\*\*: `clusterIdentifier` changed — every Kubernetes object on this provider is created again/,
        );
        assert.match(markdown, /\*\*`kubernetes:apps\/v1:Deployment::backend-api`\*\*: its provider pulumi:providers:kubernetes::cluster is replaced/);
        assert.match(result.report, /Would replace \(\d+\):\n {2}- command:local:Command::kind-cluster: triggers\[0\] changed/);
        // A new port mapping (e.g. for an app's node port) recreates the cluster the same way.
        const mapped = { ...cluster, portMappings: [...cluster.portMappings, { containerPort: 30080, hostPort: 8080 }] };
        const ports = await planAgainst("dev", "ports", "base", { "platform:cluster": JSON.stringify(mapped) });
        assert.match(ports.report, /Would replace \(\d+\):\n {2}- command:local:Command::kind-cluster: triggers\[0\] changed/);
    });

    // pulumi pkg v3.276.0 resource/deploy/step.go:726-736: a protected resource is not deleted, and the
    // error names `pulumi state unprotect <urn>`; step_generator.go:2050-2062: nor replaced while it stays protected.
    it("names the protected resources a change deletes, with their URNs and the command that allows it", async () => {
        await runPlan({ projectRoot: PROJECT_ROOT, stack: "prod", outDir: join(dir, "prod-base") });
        const config = readStackFile(PROJECT_ROOT, "prod").config;
        const apps = JSON.parse(config["platform:apps"]).filter((app: { name: string }) => app.name !== "data-api");
        const jobs = JSON.parse(config["platform:jobs"]).map((job: any) => ({ ...job, healthCheck: { targets: ["backend-api"] } }));
        const extraConfig = {
            "platform:apps": JSON.stringify(apps),
            "platform:jobs": JSON.stringify(jobs),
            "platform:logs": JSON.stringify({ enabled: false }),
        };
        const result = await planAgainst("prod", "prod-removed", "prod-base", extraConfig);
        const blocked = result.diff!.protectedDeletions;
        assert.deepEqual(blocked.map((deletion) => `${deletion.key} ${deletion.reason}`).sort(), [
            "aws:ecr/repository:Repository::registry-data-api removed",
            "aws:s3/bucket:Bucket::logs-loki-chunks removed",
        ]);
        const repository = blocked.find((deletion) => deletion.key.endsWith("registry-data-api"))!;
        // The URN chains the types of every ancestor: the root component down to the repository.
        assert.match(
            repository.urn,
            /^urn:pulumi:prod::platform::platform:index:Platform\$(?:[^:$]+:[^:$]+:[^$]+\$)*aws:ecr\/repository:Repository::registry-data-api$/,
        );
        const command = `pulumi state unprotect -s prod '${repository.urn}'`;
        assert.ok(result.report.includes(command), "the summary prints the command");
        assert.ok(readFileSync(join(dir, "prod-removed", "diff.md"), "utf8").includes(command), "diff.md prints it");
        // A replacement that the same change unprotects (cluster.protect: false) goes through; one that stays protected does not.
        const repository_ = (name: string, protect: boolean) => resource("aws:ecr/repository:Repository", "r", { name }, { protect });
        const replacing = (protect: boolean) =>
            diffPlans(
                { resources: [repository_("a", true)], manifestsYaml: "" },
                { resources: [repository_("b", protect)], manifestsYaml: "" },
                { project: "p", stack: "s" },
            ).protectedDeletions;
        assert.deepEqual(replacing(true), [
            { key: "aws:ecr/repository:Repository::r", urn: "urn:pulumi:s::p::aws:ecr/repository:Repository::r", reason: "replaced" },
        ]);
        assert.deepEqual(replacing(false), []);
    });

    it("pairs a renamed resource with its former name through its alias, as a change, not a replacement", () => {
        const before = { resources: [resource("kubernetes:helm.sh/v3:Release", "flux", { name: "flux" })], manifestsYaml: "" };
        const after = {
            resources: [resource("kubernetes:helm.sh/v3:Release", "gitops-flux", { name: "flux" }, { aliases: ["kubernetes:helm.sh/v3:Release::flux"] })],
            manifestsYaml: "",
        };
        const diff = diffPlans(before, after);
        assert.deepEqual([diff.added, diff.removed], [[], []]);
        assert.deepEqual(diff.changed, [{ key: "kubernetes:helm.sh/v3:Release::gitops-flux", formerKey: "kubernetes:helm.sh/v3:Release::flux", paths: [] }]);
    });

    it("lists changed leaves by path, options included", () => {
        const a = resource("kubernetes:apps/v1:Deployment", "web", { spec: { replicas: 1, template: { spec: { containers: [{ image: "a:1" }] } } } });
        const b = resource(
            "kubernetes:apps/v1:Deployment",
            "web",
            { spec: { replicas: 1, template: { spec: { containers: [{ image: "a:2" }] } } } },
            { dependsOn: ["x::y"] },
        );
        assert.deepEqual(changedPaths(a, b), ["dependsOn[0]", "spec.template.spec.containers[0].image"]);
    });

    // pulumi-kubernetes provider/pkg/provider/diff.go: name, namespace and immutable fields force a replacement;
    // Secrets and ConfigMaps are immutable unless the provider enables mutation.
    it("knows which changes replace Kubernetes objects, node groups and releases", () => {
        assert.deepEqual(replacement("kubernetes:apps/v1:Deployment", ["spec.selector.matchLabels.app"])?.paths, ["spec.selector.matchLabels.app"]);
        assert.equal(replacement("kubernetes:apps/v1:Deployment", ["spec.replicas"]), undefined);
        assert.match(replacement("kubernetes:core/v1:PersistentVolumeClaim", ["spec.storageClassName"])!.loses!, /data is lost/);
        assert.ok(replacement("kubernetes:core/v1:ConfigMap", ["data.LOG_LEVEL"]));
        assert.ok(replacement("aws:eks/nodeGroup:NodeGroup", ["instanceTypes[0]"]));
        assert.equal(replacement("aws:eks/nodeGroup:NodeGroup", ["scalingConfig.desiredSize"]), undefined);
        assert.ok(replacement("kubernetes:helm.sh/v3:Release", ["namespace"]));
        assert.equal(replacement("kubernetes:helm.sh/v3:Release", ["values.replicas"]), undefined);
    });

    it("refuses --against a directory that holds no plan", async () => {
        await assert.rejects(
            runPlan({ projectRoot: PROJECT_ROOT, stack: "dev", outDir: join(dir, "x"), against: join(dir, "nothing") }),
            /--against .*: there is no resources\.json/,
        );
    });
});
