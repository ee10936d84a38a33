// Secrets never live in the structured config: it names project config keys that hold
// them (set with `pulumi config set --secret <key>`), and this lists every such reference.
import type { AnyAddon } from "../components/addons/contract";
import { configSections, isActive } from "../components/addons/plan";
import type { CoreSettings } from "./schema/core";

export interface SecretReference {
    /** The project config key holding the secret value. */
    configKey: string;
    /** Where the structured config refers to it, e.g. `apps[0].secretEnv.API_KEY`. */
    usedAt: string;
    /** A required secret must be set before `pulumi up`; an optional one falls back to a default. */
    required: boolean;
}

/** Every secret the config refers to: the workloads' secretEnv and each add-on's keys (required only while it is active). */
export function secretReferences(config: CoreSettings, addons: readonly AnyAddon[]): SecretReference[] {
    const sections = configSections(config);
    const addonReferences = addons.flatMap((addon) => {
        const active = isActive(addon, config, sections);
        return (addon.secretReferences?.(sections[addon.configKey]) ?? []).map((ref) => ({ ...ref, required: ref.required && active }));
    });
    return [...workloadReferences(config), ...addonReferences];
}

function workloadReferences(config: CoreSettings): SecretReference[] {
    const workloads = [
        ...config.apps.map((app, index) => ({ at: `apps[${index}]`, secretEnv: app.secretEnv })),
        ...config.jobs.map((job, index) => ({ at: `jobs[${index}]`, secretEnv: job.secretEnv })),
    ];
    return workloads.flatMap(({ at, secretEnv }) =>
        Object.entries(secretEnv).map(([envVar, configKey]) => ({ configKey, usedAt: `${at}.secretEnv.${envVar}`, required: true })),
    );
}
