// Type aliases that @pulumi/kubernetes adds to its resources so that a real stack created
// under an older API version is upgraded in place, not replaced: a Deployment carries three
// (@pulumi/kubernetes 4.34.2 apps/v1/deployment.js:187, apps/v1beta1, apps/v1beta2 and
// extensions/v1beta1). The SDK turns each into a URN output (@pulumi/pulumi 3.270.0
// resource.js:263-268, collapseAliasToUrn) for an engine to match old state; the mock monitor
// reads none, and the recorder keeps only named aliases. Under the plan's shortcuts the
// recorder hands the SDK the options without them.
import type * as pulumi from "@pulumi/pulumi";

/** An alias that names only another type: `{ type }`, nothing else. */
function isTypeOnlyAlias(alias: pulumi.Input<pulumi.Alias | string>): boolean {
    return typeof alias === "object" && alias !== null && Object.keys(alias).length === 1 && typeof (alias as pulumi.Alias).type === "string";
}

/** The options without their type-only aliases, or undefined when there are none to drop. */
export function withoutTypeAliases<O extends pulumi.ResourceOptions>(opts: O): O | undefined {
    const aliases = opts.aliases ?? [];
    const kept = aliases.filter((alias) => !isTypeOnlyAlias(alias));
    return kept.length === aliases.length ? undefined : { ...opts, aliases: kept };
}
