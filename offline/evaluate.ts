// Evaluates the platform program under Pulumi mocks and records every resource it
// registers: type, name, parent, provider, dependsOn, protect and resolved inputs.
// Used by the unit tests, the offline plan and the benchmark.
import * as pulumi from "@pulumi/pulumi";

import { installEngineShortcuts } from "./engineShortcuts";
import { MockAccount, mockCallResult, mockOutputs } from "./mockOutputs";
import { shortcutsEnabled } from "./shortcuts";
import { withoutTypeAliases } from "./typeAliases";

export interface ResourceRecord {
    type: string;
    name: string;
    /** `type::name` of the parent, or null for the root. */
    parent: string | null;
    /** `type::name` of the explicit provider, or null where none was given. */
    provider: string | null;
    dependsOn: string[];
    protect: boolean;
    ignoreChanges: string[];
    /** How long create, update and delete may take, where the resource says. */
    customTimeouts?: pulumi.CustomTimeouts;
    /** Former names (`type::name`) this resource answers to, when it was renamed. */
    aliases: string[];
    /** Resolved inputs; secret values stay wrapped in `secretValue` markers (see isSecretMarker). */
    inputs: Record<string, unknown>;
}

export interface EvaluationInput {
    project: string;
    stack: string;
    config: Record<string, string>;
    secretKeys: string[];
    /** Builds the program; receives root options that record every child. Returns the stack outputs. */
    program: (rootOptions: pulumi.ComponentResourceOptions) => Record<string, unknown> | Promise<Record<string, unknown>>;
    /** What the mocked cloud account holds (ECR images); by default nothing. */
    account?: MockAccount;
}

export interface Evaluation {
    resources: ResourceRecord[];
    outputs: Record<string, unknown>;
}

const keyOf = (type: string, name: string) => `${type}::${name}`;

export async function evaluateProgram(input: EvaluationInput): Promise<Evaluation> {
    const records: ResourceRecord[] = [];
    const byKey = new Map<string, ResourceRecord>();
    const keysByResource = new WeakMap<pulumi.Resource, string>();
    const inputsByKey = new Map<string, Record<string, unknown>>();

    const endShortcuts = installEngineShortcuts();
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                inputsByKey.set(keyOf(args.type, args.name), args.inputs);
                // Only the outputs the program reads: echoing every input back costs a serialization round trip per resource.
                return { id: args.custom ? `${args.name}-id` : undefined, state: mockOutputs(args.type, args.name, args.inputs) };
            },
            call: (args) => mockCallResult(args.token, args.inputs, input.account ?? {}),
        },
        input.project,
        input.stack,
        true,
    );
    pulumi.runtime.setAllConfig(input.config, input.secretKeys);

    const dropTypeAliases = shortcutsEnabled();
    const record: pulumi.ResourceTransformation = ({ type, name, resource, props, opts }) => {
        const key = keyOf(type, name);
        if (byKey.has(key)) {
            throw new Error(`two resources are registered as ${key}; give them distinct names`);
        }
        keysByResource.set(resource, key);
        const entry: ResourceRecord = {
            type,
            name,
            parent: opts.parent ? keyFor(opts.parent) : null,
            provider: (opts as pulumi.CustomResourceOptions).provider ? keyFor((opts as pulumi.CustomResourceOptions).provider!) : null,
            dependsOn: dependencyList(opts.dependsOn).map(keyFor),
            protect: opts.protect === true,
            ignoreChanges: opts.ignoreChanges ?? [],
            ...((opts as pulumi.CustomResourceOptions).customTimeouts ? { customTimeouts: (opts as pulumi.CustomResourceOptions).customTimeouts } : {}),
            aliases: (opts.aliases ?? []).flatMap((alias) => aliasName(type, alias)),
            inputs: {},
        };
        records.push(entry);
        byKey.set(key, entry);
        const trimmed = dropTypeAliases ? withoutTypeAliases(opts) : undefined;
        return trimmed ? { props, opts: trimmed } : undefined;
    };
    const keyFor = (resource: pulumi.Resource) => keysByResource.get(resource) ?? "<resource outside the program>";

    let outputs: Record<string, unknown> = {};
    let failure: { error: unknown } | undefined;
    try {
        await pulumi.runtime.runInPulumiStack(async () => {
            // A program error thrown inside the stack would also reject the stack's own outputs
            // unobserved (an unhandled rejection); finish the stack and rethrow it afterwards.
            try {
                outputs = await input.program({ transformations: [record] });
            } catch (error) {
                failure = { error };
            }
            return outputs;
        });
        await pulumi.runtime.disconnect();
    } finally {
        endShortcuts();
    }
    if (failure) {
        throw failure.error;
    }

    for (const entry of records) {
        entry.inputs = inputsByKey.get(keyOf(entry.type, entry.name)) ?? {};
    }
    return { resources: records, outputs };
}

/** A name alias (`{ name }`, optionally with `type`) as `type::name`; URN aliases are not recorded. */
function aliasName(type: string, alias: pulumi.Input<pulumi.Alias | string>): string[] {
    if (typeof alias !== "object" || alias === null || pulumi.Output.isInstance(alias)) {
        return [];
    }
    const { name, type: aliasType } = alias as pulumi.Alias;
    return typeof name === "string" ? [`${typeof aliasType === "string" ? aliasType : type}::${name}`] : [];
}

/** dependsOn as the program gave it; an Input-wrapped list is not supported by the recorder. */
function dependencyList(dependsOn: pulumi.ResourceOptions["dependsOn"]): pulumi.Resource[] {
    if (!dependsOn) {
        return [];
    }
    if (pulumi.Resource.isInstance(dependsOn)) {
        return [dependsOn];
    }
    if (Array.isArray(dependsOn)) {
        return dependsOn.filter((item): item is pulumi.Resource => pulumi.Resource.isInstance(item));
    }
    return [];
}
