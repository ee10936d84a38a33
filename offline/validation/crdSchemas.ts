// CRD schemas the add-ons declare (`crdSchemas`) for kinds they write, from the schema facts
// committed in test/fixtures/reference/crds: the offline plan validates objects of kinds
// without a kubernetes-models package against them (Velero, the CSI snapshot API), and
// objects of kinds whose package is older than the installed CRD against both.
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { ADDONS } from "../../components/addons";
import type { AnyAddon } from "../../components/addons/contract";
import { FACTS_DIR } from "../../tools/referenceFacts";

export type CrdSchema = Record<string, unknown>;

/** `<group>/<Kind>` to facts file, from every add-on's `crdSchemas`. */
export function crdSchemaFiles(addons: readonly AnyAddon[]): ReadonlyMap<string, string> {
    return new Map(addons.flatMap((addon) => Object.entries(addon.crdSchemas ?? {})));
}

const FILES = crdSchemaFiles(ADDONS);
const cache = new Map<string, Record<string, CrdSchema>>();

function versionsOf(file: string, factsDir: string): Record<string, CrdSchema> {
    const path = join(factsDir, "crds", `${file}.schema.json`);
    let versions = cache.get(path);
    if (!versions) {
        versions = JSON.parse(readFileSync(path, "utf8")) as Record<string, CrdSchema>;
        cache.set(path, versions);
    }
    return versions;
}

/** The declared schema of this apiVersion and kind, or undefined when none is declared (or the CRD has no such version). */
export function crdSchemaOf(apiVersion: string, kind: string, files: ReadonlyMap<string, string> = FILES, factsDir = FACTS_DIR): CrdSchema | undefined {
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
    const file = files.get(`${group}/${kind}`);
    return file ? versionsOf(file, factsDir)[version] : undefined;
}
