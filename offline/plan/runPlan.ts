// The offline plan: evaluates the real program under Pulumi mocks with a stack's real
// config file, writes resources.json and manifests.yaml, and validates the result
// against the upstream schemas and the platform's policies.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";

import { checkPolicies } from "../../policy/checkPolicies";
import { objectRef } from "../../policy/kubernetes/objects";
import { RESOURCE_RULES, STACK_RULES } from "../../policy/rules";
import { runPlatformProgram, type ProgramOptions } from "../../program";
import { ConfigError } from "../../stacks/configError";
import { memoryRequests, type MemoryRequests } from "../capacity/memoryRequests";
import { estimateCost, type CostReport } from "../cost/estimate";
import { evaluateProgram, type Evaluation } from "../evaluate";
import type { MockAccount } from "../mockOutputs";
import { accountWithPushedImages } from "../pushedImages";
import { availableStacks, readStackFile, StackFileError, type StackFile } from "../stackFile";
import { admissionViolations } from "../validation/admissionViolations";
import { schemaViolations } from "../validation/schemaViolations";
import { diffPlans, renderDiffMarkdown, type PlanDiff, type PlanSnapshot } from "./diff";
import { kubernetesManifests, renderManifestsYaml, type Manifest } from "./manifests";
import { EXIT_PROGRAM_FAILED, EXIT_USAGE_OR_CONFIG, PlanError } from "./planError";
import { renderResourcesJson, toPlanResource, type PlanResource } from "./planResource";
import { leakedSecretKeys, secretConfigValues } from "./secretLeaks";
import { formatReport } from "./summary";
import type { Violation } from "./violation";

export interface PlanOptions {
    /** Directory holding Pulumi.yaml and Pulumi.<stack>.yaml. */
    projectRoot: string;
    stack: string;
    outDir: string;
    /** Config on top of the stack file's, keyed `<namespace>:<key>` (as `pulumi config set` would add). */
    extraConfig?: Record<string, string>;
    /** Which keys of extraConfig hold secrets. */
    extraSecretKeys?: string[];
    /** A previous plan's output directory: the plan then also writes diff.md against it. */
    against?: string;
    /** The program to evaluate; the platform program unless a test brings its own. */
    program?: (options: ProgramOptions) => Record<string, unknown> | Promise<Record<string, unknown>>;
}

export interface PlanResult {
    resources: PlanResource[];
    manifests: Manifest[];
    warnings: string[];
    violations: Violation[];
    files: string[];
    /** The summary to print; checked to contain no secret value. */
    report: string;
    cost: CostReport;
    /** What the pods request together, on kind stacks. */
    memory?: MemoryRequests;
    diff?: PlanDiff;
}

const IMAGES_PUSHED =
    "every app's image is in its ECR repository (ECR is not read offline; a first `pulumi up` on a fresh account holds such apps back: stack output pendingImages)";

const KIND_CLUSTER = "platform:cluster:KindCluster";
const RESOURCES_FILE = "resources.json";
const MANIFESTS_FILE = "manifests.yaml";
const COST_FILE = "cost.json";
const DIFF_FILE = "diff.md";

export async function runPlan(options: PlanOptions): Promise<PlanResult> {
    const file = loadStackFile(options);
    const secrets = secretConfigValues(file.config, file.secretKeys);
    const warnings: string[] = [];
    const account = accountWithPushedImages(file.project, file.config);
    const evaluation = await evaluate(file, account, options.program ?? runPlatformProgram, warnings);

    const resources = evaluation.resources.map(toPlanResource);
    const manifests = kubernetesManifests(evaluation.resources);
    const manifestsYaml = renderManifestsYaml(manifests);
    const cost = estimateCost(resources, file.config["aws:region"] ?? null);
    const memory = kindMemoryRequests(resources);
    const diff = options.against
        ? diffPlans(readPreviousPlan(options.against), { resources, manifestsYaml, cost }, { project: file.project, stack: file.stack })
        : undefined;
    const files = writeOutputs(
        options.outDir,
        {
            [RESOURCES_FILE]: renderResourcesJson(resources),
            [MANIFESTS_FILE]: manifestsYaml,
            [COST_FILE]: `${JSON.stringify(cost, null, 2)}\n`,
            ...(diff ? { [DIFF_FILE]: renderDiffMarkdown(file.stack, diff) } : {}),
        },
        secrets,
    );

    const violations = [...(await schemaViolations(manifests)), ...policyViolations(resources), ...admissionViolations(manifests)];
    const report = formatReport({
        project: file.project,
        stack: file.stack,
        resources,
        manifestCount: manifests.length,
        policyCount: RESOURCE_RULES.length + STACK_RULES.length,
        warnings,
        assumptions: Object.keys(account.ecrImages ?? {}).length > 0 ? [IMAGES_PUSHED] : [],
        violations,
        cost,
        memory,
        diff,
        files,
    });
    refuseLeaks("the summary", report, secrets);
    return { resources, manifests, warnings, violations, files, report, cost, memory, diff };
}

/** On kind every platform pod shares one worker, so the plan states what they request together. */
function kindMemoryRequests(resources: readonly PlanResource[]): MemoryRequests | undefined {
    return resources.some((resource) => resource.type === KIND_CLUSTER) ? memoryRequests(resources) : undefined;
}

/** A previous plan's files; its cost.json is optional (plans before it existed). */
function readPreviousPlan(dir: string): PlanSnapshot {
    const read = (name: string) => {
        try {
            return readFileSync(join(dir, name), "utf8");
        } catch {
            return undefined;
        }
    };
    const resources = read(RESOURCES_FILE);
    if (resources === undefined) {
        throw new PlanError(EXIT_USAGE_OR_CONFIG, `--against ${dir}: there is no ${RESOURCES_FILE}; give the output directory of an earlier plan`);
    }
    const cost = read(COST_FILE);
    return {
        resources: JSON.parse(resources) as PlanResource[],
        manifestsYaml: read(MANIFESTS_FILE) ?? "",
        ...(cost ? { cost: JSON.parse(cost) as CostReport } : {}),
    };
}

function loadStackFile(options: PlanOptions): StackFile {
    if (!existsSync(join(options.projectRoot, `Pulumi.${options.stack}.yaml`))) {
        const stacks = availableStacks(options.projectRoot);
        throw new PlanError(
            EXIT_USAGE_OR_CONFIG,
            `unknown stack '${options.stack}': there is no Pulumi.${options.stack}.yaml in ${options.projectRoot}; stacks: ${stacks.join(", ") || "none"}`,
        );
    }
    const file = readStackFileOrExit(options.projectRoot, options.stack);
    return {
        ...file,
        config: { ...file.config, ...options.extraConfig },
        secretKeys: [...new Set([...file.secretKeys, ...(options.extraSecretKeys ?? [])])],
    };
}

function readStackFileOrExit(projectRoot: string, stack: string): StackFile {
    try {
        return readStackFile(projectRoot, stack);
    } catch (error) {
        throw error instanceof StackFileError ? new PlanError(EXIT_USAGE_OR_CONFIG, error.message) : error;
    }
}

async function evaluate(file: StackFile, account: MockAccount, program: NonNullable<PlanOptions["program"]>, warnings: string[]): Promise<Evaluation> {
    try {
        return await evaluateProgram({
            ...file,
            account,
            program: (rootOptions) => program({ rootOptions, allowMissingSecrets: true, onWarning: (message) => warnings.push(message) }),
        });
    } catch (error) {
        if (pulumi.RunError.isInstance(error) || error instanceof ConfigError) {
            throw new PlanError(EXIT_USAGE_OR_CONFIG, (error as Error).message);
        }
        throw new PlanError(EXIT_PROGRAM_FAILED, `the program failed under evaluation: ${(error as Error).message ?? String(error)}`, error);
    }
}

/** Writes each file after checking it holds no secret value; returns the paths written. */
function writeOutputs(outDir: string, contents: Record<string, string>, secrets: Record<string, string>): string[] {
    for (const [name, text] of Object.entries(contents)) {
        refuseLeaks(name, text, secrets);
    }
    mkdirSync(outDir, { recursive: true });
    return Object.entries(contents).map(([name, text]) => {
        const path = join(outDir, name);
        writeFileSync(path, text);
        return path;
    });
}

function refuseLeaks(what: string, text: string, secrets: Record<string, string>): void {
    const leaked = leakedSecretKeys(text, secrets);
    if (leaked.length > 0) {
        throw new PlanError(
            EXIT_PROGRAM_FAILED,
            `${what} would contain the value of secret config ${leaked.join(", ")}; nothing was written. A secret lost its secret marker in the program: wrap it with pulumi.secret().`,
        );
    }
}

function policyViolations(resources: readonly PlanResource[]): Violation[] {
    return checkPolicies(resources).map(({ rule, resource, message }) => ({ check: rule, object: objectRef(resource), message }));
}
