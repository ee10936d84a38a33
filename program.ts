// The platform program, callable from `index.ts` (Pulumi) and from the offline plan.
import * as pulumi from "@pulumi/pulumi";
import { Platform, deployedWorkloads } from "./components/platform";
import { ImageRollout } from "./components/registry/imageRollout";
import { ConfigError } from "./stacks/configError";
import { PlatformConfig, loadPlatformConfig } from "./stacks/load";
import { ParseOptions } from "./stacks/parse";

export interface ProgramOptions extends ParseOptions {
    /** Extra options for the root component, e.g. transformations that record every resource. */
    rootOptions?: pulumi.ComponentResourceOptions;
    /** Receives each config warning; by default it goes to the Pulumi log. The offline plan collects them. */
    onWarning?: (message: string) => void;
}

/** Loads the stack config, decides which apps can roll out, builds the platform and returns the stack outputs. */
export async function runPlatformProgram(options: ProgramOptions = {}): Promise<Record<string, unknown>> {
    const config = loadValidConfig(options);
    const warn = options.onWarning ?? ((message: string) => pulumi.log.warn(message));
    const rollout = await imageRolloutFor(config);
    for (const warning of [...config.warnings, ...heldBackWarnings(config, rollout)]) {
        warn(warning);
    }
    const platform = new Platform("platform", { config, heldBack: rollout.heldBack }, options.rootOptions);
    return {
        clusterName: platform.clusterName,
        ...(platform.kubeconfig ? { kubeconfig: platform.kubeconfig } : {}),
        repositoryUrls: platform.repositoryUrls,
        ...(rollout.heldBack.size > 0 ? { pendingImages: platform.pendingImages } : {}),
        serviceUrls: platform.serviceUrls,
        appAccess: platform.appAccess,
        ...(platform.monitoringAccess ? { monitoringAccess: platform.monitoringAccess } : {}),
        ...(platform.grafanaAdminUser ? { grafanaAdminUser: platform.grafanaAdminUser } : {}),
        // A secret output: `pulumi stack output grafanaAdminPassword --show-secrets`.
        ...(platform.grafanaAdminPassword ? { grafanaAdminPassword: platform.grafanaAdminPassword } : {}),
        gitops: platform.gitops,
    };
}

function loadValidConfig(options: ParseOptions): PlatformConfig {
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

/** On EKS stacks, which apps have their image in ECR; elsewhere every image is a full reference. */
async function imageRolloutFor(config: PlatformConfig): Promise<ImageRollout> {
    const { settings } = config;
    if (settings.cluster.type !== "eks") {
        return { heldBack: new Map(), missing: [] };
    }
    /* eslint-disable @typescript-eslint/no-require-imports -- lazy: keeps the AWS SDKs off the dev path */
    const { repositoryContents } = require("./components/registry/repositoryContents") as typeof import("./components/registry/repositoryContents");
    const { imageRollout } = require("./components/registry/imageRollout") as typeof import("./components/registry/imageRollout");
    const { repositoryName } = require("./components/registry/repositoryName") as typeof import("./components/registry/repositoryName");
    /* eslint-enable @typescript-eslint/no-require-imports */
    const contents = await repositoryContents(settings.apps.map((app) => repositoryName(settings.environment, app.name)));
    const rollout = imageRollout(settings.apps, settings.environment, contents);
    if (rollout.missing.length > 0) {
        throw asRunError(new ConfigError(config.stack, rollout.missing));
    }
    return rollout;
}

function heldBackWarnings(config: PlatformConfig, rollout: ImageRollout): string[] {
    const apps = [...rollout.heldBack].map(
        ([app, reference]) => `app '${app}' is held back: its ECR repository has no image yet. Push <repository>${reference} (stack output pendingImages), then run pulumi up -s ${config.stack} again`,
    );
    const deployedJobs = new Set(deployedWorkloads(config.settings, rollout.heldBack).jobs.map((job) => job.name));
    const jobs = config.settings.jobs
        .filter((job) => !deployedJobs.has(job.name))
        .map((job) => `job '${job.name}' is held back with the apps it checks (${job.healthCheck!.targets.join(", ")})`);
    return [...apps, ...jobs];
}
