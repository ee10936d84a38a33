// Which add-ons a stack gets, and in which order (pure): those whose config enables them on
// this cluster type, each after the add-ons whose capabilities it requires or uses. A
// required capability that no active add-on provides is a config problem naming both
// add-ons, found before anything is registered.
import type { CoreSettings } from "../../stacks/schema/core";
import type { CapabilityName } from "./capabilityTypes";
import type { AnyAddon } from "./contract";

export interface AddonProblem {
    addon: AnyAddon;
    /** Where the problem is, from the config root; undefined: the add-on's own section. */
    path?: (string | number)[];
    message: string;
}

export interface AddonPlan {
    /** Active add-ons, each after those it depends on. */
    order: AnyAddon[];
    problems: AddonProblem[];
}

type Sections = Readonly<Record<string, unknown>>;

/** The settings by top-level key: add-ons' sections sit beside the core ones, each read with its own schema's type. */
export function configSections(settings: CoreSettings): Sections {
    return settings;
}

/** Enabled by its section and meant for this cluster type. */
export function isActive(addon: AnyAddon, settings: CoreSettings, sections: Sections): boolean {
    return addon.runsOn.includes(settings.cluster.type) && addon.enabled(sections[addon.configKey]);
}

export function planAddons(addons: readonly AnyAddon[], settings: CoreSettings, sections: Sections): AddonPlan {
    const active = addons.filter((addon) => isActive(addon, settings, sections));
    const providerOf = (capability: CapabilityName) => active.find((addon) => addon.provides.includes(capability));
    const problems = active.flatMap((addon) =>
        (addon.requires ?? [])
            .filter((capability) => !providerOf(capability))
            .map((capability) => ({ addon, message: missingMessage(addon, capability, addons, settings) })),
    );
    problems.push(...active.flatMap((addon) => inactiveNeeds(addon, addons, active, settings)));
    const order: AnyAddon[] = [];
    const visiting = new Set<AnyAddon>();
    const visit = (addon: AnyAddon) => {
        if (order.includes(addon)) {
            return;
        }
        if (visiting.has(addon)) {
            problems.push({ addon, message: `add-on '${addon.name}' depends on itself through the capabilities it requires or uses` });
            return;
        }
        visiting.add(addon);
        for (const capability of [...(addon.requires ?? []), ...(addon.uses ?? [])]) {
            const provider = providerOf(capability);
            if (provider && provider !== addon) {
                visit(provider);
            }
        }
        visiting.delete(addon);
        order.push(addon);
    };
    active.forEach(visit);
    return { order, problems };
}

/** The add-ons this one declares must be active, that are not. */
function inactiveNeeds(addon: AnyAddon, addons: readonly AnyAddon[], active: readonly AnyAddon[], settings: CoreSettings): AddonProblem[] {
    return (addon.mustBeActive ?? [])
        .filter((need) => !active.some((candidate) => candidate.configKey === need.configKey))
        .map((need) => {
            const other = addons.find((candidate) => candidate.configKey === need.configKey);
            return other && !other.runsOn.includes(settings.cluster.type)
                ? {
                      addon,
                      message: `add-on '${addon.name}' needs add-on '${other.name}', which does not run on ${settings.cluster.type} clusters: ${need.because}`,
                  }
                : { addon, path: [need.configKey, "enabled"], message: `must be true while ${addon.configKey}.enabled is: ${need.because}` };
        });
}

function missingMessage(addon: AnyAddon, capability: CapabilityName, addons: readonly AnyAddon[], settings: CoreSettings): string {
    return `add-on '${addon.name}' needs ${missingCapability(capability, addons, settings)}`;
}

/** Why a capability is missing, e.g. "the capability 'x', which add-on 'y' provides, but it is off (y.enabled)". */
export function missingCapability(capability: CapabilityName, addons: readonly AnyAddon[], settings: CoreSettings): string {
    const needs = `the capability '${capability}'`;
    const provider = addons.find((candidate) => candidate.provides.includes(capability));
    if (!provider) {
        return `${needs}, which no add-on provides`;
    }
    const why = provider.runsOn.includes(settings.cluster.type)
        ? `it is off (${provider.configKey}.enabled)`
        : `it does not run on ${settings.cluster.type} clusters`;
    return `${needs}, which add-on '${provider.name}' provides, but ${why}`;
}

/** Whether an active add-on provides the capability. */
export function isProvided(capability: CapabilityName, addons: readonly AnyAddon[], settings: CoreSettings, sections: Sections): boolean {
    return addons.some((addon) => addon.provides.includes(capability) && isActive(addon, settings, sections));
}
