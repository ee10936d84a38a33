// The platform program, callable from `index.ts` (Pulumi) and from the offline plan.
import * as pulumi from "@pulumi/pulumi";
import { Platform } from "./components/platform";
import { ConfigError } from "./stacks/configError";
import { ParseOptions } from "./stacks/parse";
import { loadPlatformConfig } from "./stacks/load";

export interface ProgramOptions extends ParseOptions {
    /** Extra options for the root component, e.g. transformations that record every resource. */
    rootOptions?: pulumi.ComponentResourceOptions;
    /** Receives each config warning; by default it goes to the Pulumi log. The offline plan collects them. */
    onWarning?: (message: string) => void;
}

/** Loads the stack config, builds the platform and returns the stack outputs. */
export function runPlatformProgram(options: ProgramOptions = {}) {
    const config = loadValidConfig(options);
    const warn = options.onWarning ?? ((message: string) => pulumi.log.warn(message));
    for (const warning of config.warnings) {
        warn(warning);
    }
    const platform = new Platform("platform", { config }, options.rootOptions);
    return {
        clusterName: platform.clusterName,
        ...(platform.kubeconfig ? { kubeconfig: platform.kubeconfig } : {}),
        repositoryUrls: platform.repositoryUrls,
        serviceUrls: platform.serviceUrls,
        appAccess: platform.appAccess,
        ...(platform.monitoringAccess ? { monitoringAccess: platform.monitoringAccess } : {}),
        ...(platform.grafanaAdminUser ? { grafanaAdminUser: platform.grafanaAdminUser } : {}),
        // A secret output: `pulumi stack output grafanaAdminPassword --show-secrets`.
        ...(platform.grafanaAdminPassword ? { grafanaAdminPassword: platform.grafanaAdminPassword } : {}),
        ...(platform.gitops ? { gitops: platform.gitops } : {}),
    };
}

function loadValidConfig(options: ParseOptions) {
    try {
        return loadPlatformConfig(options);
    } catch (error) {
        // A RunError ends the program with its message alone, without a stack trace.
        throw error instanceof ConfigError ? new pulumi.RunError(error.message) : error;
    }
}
