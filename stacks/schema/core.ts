// The platform's own config sections, which every add-on may read: the environment, the
// cluster, the namespaces, the application workloads and the teams that own them. Add-ons bring their own
// sections (components/addons); stacks/schema/platform.ts composes both.
import * as v from "valibot";

import { object, withDefault } from "./base";
import { cluster } from "./cluster";
import { dnsLabel } from "./primitives";
import { teams } from "./teams";
import { scheduledJob, webService } from "./workloads";

export const coreSections = {
    environment: dnsLabel,
    cluster,
    apps: withDefault(v.array(webService), []),
    jobs: withDefault(v.array(scheduledJob), []),
    teams,
};

/** Namespace names: `apps` for apps and jobs that set none, plus one key per add-on namespace. */
export type Namespaces = { readonly apps: string } & Readonly<Record<string, string>>;

/** The `namespaces` section: `apps`, and each add-on namespace's key with its default name. */
export function namespacesSection(addonNamespaces: readonly { key: string; defaultName: string }[]) {
    const entries = Object.fromEntries([
        ["apps", withDefault(dnsLabel, "apps")],
        ...addonNamespaces.map((ns) => [ns.key, withDefault(dnsLabel, ns.defaultName)]),
    ]);
    return withDefault(object(entries) as unknown as v.GenericSchema<unknown, Namespaces>, {});
}

export type CoreSettings = v.InferOutput<v.ObjectSchema<typeof coreSections, undefined>> & { namespaces: Namespaces };
