// Child resource names prefixed with their component's name, so two instances of a
// component cannot collide. Children that had an unprefixed name keep it as an alias, so
// stacks created before see the same resources, not replacements.
import type * as pulumi from "@pulumi/pulumi";

export interface ChildName {
    name: string;
    /** The former name, as an alias under the same parent. */
    aliases: pulumi.Input<pulumi.Alias>[];
}

export function prefixedChild(component: string, child: string): ChildName {
    return { name: `${component}-${child}`, aliases: [{ name: child }] };
}
