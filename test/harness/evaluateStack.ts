// Test helpers: evaluate the real program under mocks with a stack's real config file,
// or with config written in the test, and query what it registered.
import { resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";

import { evaluateProgram, Evaluation, EvaluationInput, ResourceRecord } from "../../offline/evaluate";
import type { MockAccount } from "../../offline/mockOutputs";
import { accountWithPushedImages } from "../../offline/pushedImages";
import { readStackFile } from "../../offline/stackFile";
import { runPlatformProgram } from "../../program";
import { PLATFORM_KEYS } from "../../stacks/schema/platform";

export const PROJECT_ROOT = resolve(__dirname, "../..");

export class Resources {
    constructor(
        readonly all: ResourceRecord[],
        readonly outputs: Record<string, unknown> = {},
    ) {}

    ofType(type: string): ResourceRecord[] {
        return this.all.filter((resource) => resource.type === type);
    }

    /** The one resource of this type and name; fails the test when it is missing. */
    get(type: string, name: string): ResourceRecord {
        const found = this.all.find((resource) => resource.type === type && resource.name === name);
        if (!found) {
            throw new Error(
                `no ${type} named '${name}' was registered; registered: ${
                    this.ofType(type)
                        .map((r) => r.name)
                        .join(", ") || "none of that type"
                }`,
            );
        }
        return found;
    }

    find(type: string, name: string): ResourceRecord | undefined {
        return this.all.find((resource) => resource.type === type && resource.name === name);
    }

    /** Every resource (`type::name`) the resource `key` depends on, directly or through others. */
    dependenciesOf(key: string): Set<string> {
        const seen = new Set<string>();
        const visit = (from: string) => {
            const [type, name] = from.split("::");
            for (const dependency of this.find(type, name)?.dependsOn ?? []) {
                if (!seen.has(dependency)) {
                    seen.add(dependency);
                    visit(dependency);
                }
            }
        };
        visit(key);
        return seen;
    }
}

function toResources(evaluation: Evaluation): Resources {
    return new Resources(evaluation.resources, evaluation.outputs);
}

/** Keys outside the platform's structured sections (and not sections of fixture add-ons) hold secrets; tests set them as `pulumi config set --secret` would. */
function secretKeysOf(config: Record<string, string>): string[] {
    return Object.keys(config).filter(
        (key) => key.startsWith("platform:") && !PLATFORM_KEYS.includes(key.slice("platform:".length)) && !isStructured(config[key]),
    );
}

function isStructured(text: string): boolean {
    try {
        const value: unknown = JSON.parse(text);
        return value !== null && typeof value === "object";
    } catch {
        return false;
    }
}

/**
 * Evaluates a stack from its Pulumi.<stack>.yaml, with optional extra config values (already
 * JSON-encoded where objects; secret keys are set as secrets), in an account where every app
 * image is pushed unless `account` says otherwise.
 */
export async function evaluateStackFile(stack: string, extraConfig: Record<string, string> = {}, account?: MockAccount): Promise<Resources> {
    return toResources(await evaluateProgram({ ...stackInput(stack, extraConfig, account), program: (rootOptions) => runPlatformProgram({ rootOptions }) }));
}

/** What evaluateStackFile evaluates, for tests that bring their own program around the platform's. */
export function stackInput(stack: string, extraConfig: Record<string, string> = {}, account?: MockAccount): Omit<EvaluationInput, "program"> {
    const file = readStackFile(PROJECT_ROOT, stack);
    const config = { ...file.config, ...extraConfig };
    return {
        ...file,
        config,
        secretKeys: [...new Set([...file.secretKeys, ...secretKeysOf(extraConfig)])],
        account: account ?? accountWithPushedImages(file.project, config),
    };
}

/** Evaluates the program with project config values given as plain objects (keys without the project prefix); secrets and images as for evaluateStackFile. */
export async function evaluateConfig(values: Record<string, unknown>, secretValues: Record<string, string> = {}, account?: MockAccount): Promise<Resources> {
    const project = "platform";
    // An EKS stack names its region, as the prod stack file does.
    const config: Record<string, string> = (values.cluster as { type?: string } | undefined)?.type === "eks" ? { "aws:region": "us-east-1" } : {};
    for (const [key, value] of Object.entries({ ...values, ...secretValues })) {
        config[`${project}:${key}`] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return toResources(
        await evaluateProgram({
            project,
            stack: "test",
            config,
            secretKeys: secretKeysOf(config),
            account: account ?? accountWithPushedImages(project, config),
            program: (rootOptions) => runPlatformProgram({ rootOptions }),
        }),
    );
}

/** Evaluates a program written in the test; it passes `recorded` to each resource it creates directly. */
export async function evaluateComponent(program: (recorded: pulumi.ComponentResourceOptions) => void): Promise<Resources> {
    return toResources(
        await evaluateProgram({
            project: "platform",
            stack: "test",
            config: {},
            secretKeys: [],
            program: (recorded) => {
                program(recorded);
                return {};
            },
        }),
    );
}
