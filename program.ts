// The platform program, callable from `index.ts` (Pulumi) and from the offline plan.
import * as pulumi from "@pulumi/pulumi";

import type { AnyAddon } from "./components/addons/contract";
import type { ImageRollout } from "./components/addons/ecr/imageRollout";
import { imageRolloutFor } from "./components/addons/ecr/rollout";
import { Platform } from "./components/platform";
import { deployedWorkloads, type DeployedWorkloads } from "./components/workloads/deployed";
import { ConfigError } from "./stacks/configError";
import { loadPlatformConfig, PlatformConfig } from "./stacks/load";
import { ParseOptions } from "./stacks/parse";

export interface ProgramOptions extends ParseOptions {
    /** Extra options for the root component, e.g. transformations that record every resource. */
    rootOptions?: pulumi.ComponentResourceOptions;
    /** Receives each config warning; by default it goes to the Pulumi log. The offline plan collects them. */
    onWarning?: (message: string) => void;
    /** The add-ons to choose from (tests add fixtures). @default ADDONS */
    addons?: readonly AnyAddon[];
}

/** Loads the stack config, decides which apps can roll out, builds the platform and returns the stack outputs. */
export async function runPlatformProgram(options: ProgramOptions = {}): Promise<Record<string, unknown>> {
    const config = loadValidConfig(options);
    const warn = options.onWarning ?? ((message: string) => pulumi.log.warn(message));
    const rollout = await imageRolloutFor(config.settings);
    if (rollout.missing.length > 0) {
        throw asRunError(new ConfigError(config.stack, rollout.missing));
    }
    const deployed = deployedWorkloads(config.settings, rollout.heldBack);
    for (const warning of [...config.warnings, ...heldBackWarnings(config, rollout, deployed)]) {
        warn(warning);
    }
    const platform = new Platform("platform", { config, heldBack: rollout.heldBack, deployed, addons: options.addons }, options.rootOptions);
    return {
        clusterName: platform.clusterName,
        ...(platform.kubeconfig ? { kubeconfig: platform.kubeconfig } : {}),
        serviceUrls: platform.serviceUrls,
        appAccess: platform.appAccess,
        ...platform.addonOutputs,
    };
}

function loadValidConfig(options: ProgramOptions): PlatformConfig {
    try {
        return loadPlatformConfig(options);
    } catch (error) {
        throw asRunError(error);
    }
}

/** A RunError ends the program with its message alone, without a stack trace. */
function asRunError(error: unknown): unknown {
    return error instanceof ConfigError ? new pulumi.RunError(error.message) : error;
}

function heldBackWarnings(config: PlatformConfig, rollout: ImageRollout, deployed: DeployedWorkloads): string[] {
    const apps = [...rollout.heldBack].map(
        ([app, reference]) =>
            `app '${app}' is held back: its ECR repository has no image yet. Push <repository>${reference} (stack output pendingImages), then run pulumi up -s ${config.stack} again`,
    );
    const deployedJobs = new Set(deployed.jobs.map((job) => job.name));
    const jobs = config.settings.jobs
        .filter((job) => !deployedJobs.has(job.name))
        .map((job) => `job '${job.name}' is held back with the apps it checks (${job.healthCheck!.targets.join(", ")})`);
    return [...apps, ...jobs];
}
