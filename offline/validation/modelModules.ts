// Which module of the kubernetes-models packages holds the schema of an apiVersion and
// kind: built-in APIs in kubernetes-models, an add-on's API groups in the package it
// declares (`models`, e.g. Flux's in @kubernetes-models/flux-cd). Each module exports one
// model class per kind, so the plan loads only the kinds it meets.
import { ADDONS } from "../../components/addons";
import type { AnyAddon } from "../../components/addons/contract";

const GROUP = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const VERSION = /^v\d+((alpha|beta)\d+)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;

/** API group to package, from every add-on's `models`. */
export function modelPackages(addons: readonly AnyAddon[]): ReadonlyMap<string, string> {
    return new Map(addons.flatMap((addon) => Object.entries(addon.models ?? {})));
}

const PACKAGES = modelPackages(ADDONS);

/** The module specifier to import for this apiVersion and kind, or undefined when it cannot name one. */
export function modelModule(apiVersion: string, kind: string, packages: ReadonlyMap<string, string> = PACKAGES): string | undefined {
    const parts = apiVersion.split("/");
    const [group, version] = parts.length === 1 ? ["", parts[0]] : parts;
    if (parts.length > 2 || !VERSION.test(version) || !KIND.test(kind) || (group !== "" && !GROUP.test(group))) {
        return undefined;
    }
    return group === "" ? `kubernetes-models/${version}/${kind}` : `${packages.get(group) ?? "kubernetes-models"}/${group}/${version}/${kind}`;
}
