// The JSON Schema of a Pulumi.<stack>.yaml, generated from the program's valibot config schema,
// so YAML-language-server editors complete and check the file as it is typed. It holds what
// JSON Schema can say of each key (type, allowed values, range, pattern, default, unknown keys);
// the checks across keys stay the program's (the offline plan runs them).
import { toJsonSchema, type JsonSchema } from "@valibot/to-json-schema";
import type * as v from "valibot";

import type { AnyAddon } from "../../components/addons/contract";
import { isMapping } from "../../stacks/schema/base";
import { platformSchemaOf } from "../../stacks/schema/platform";

const CORE_DESCRIPTIONS: Readonly<Record<string, string>> = {
    environment: "Environment name (a DNS label): the `env` label on every object and part of generated names.",
    cluster: "Where the platform runs: `type` selects kind (a local cluster made by the program), eks (AWS) or existing (a kubeconfig context).",
    apps: "The web services: per app a Deployment, Service, HPA, PDB, NetworkPolicy and, with `metrics`, a ServiceMonitor.",
    jobs: "The scheduled jobs: per job a CronJob, with an optional PersistentVolumeClaim.",
    teams: "The teams and the namespaces each owns: per namespace a ResourceQuota, a LimitRange and the network baseline; access through a RoleBinding (kind, existing) or EKS access entries. See docs/teams.md.",
    namespaces: "Namespace names: `apps` for apps and jobs that set none, and one key per add-on namespace.",
};

const PLATFORM_SECRET = {
    type: "object",
    description: "A secret the config refers to by key (set with `pulumi config set --secret`); a plaintext value is refused.",
    properties: { secure: { type: "string" } },
    required: ["secure"],
    additionalProperties: false,
} as const;

/** JSON Schema for valibot's `custom` schemas, which carry a function: the two whose meaning is a type, else anything. */
function customSchema(schema: { type: string; check?: unknown }): JsonSchema | undefined {
    if (schema.type !== "custom") {
        return undefined;
    }
    if (schema.check === Number.isInteger) {
        return { type: "integer" };
    }
    return schema.check === isMapping ? { type: "object" } : {};
}

/** The JSON Schema of one config section's value. */
export function sectionSchema(schema: v.GenericSchema): JsonSchema {
    const converted = toJsonSchema(schema, {
        // The last schema of each pipeline is the structure (an object after the mapping check, the number after the integer check).
        typeMode: "output",
        // Checks written as functions (cross-field checks, quantities, transforms) are the program's to run.
        errorMode: "ignore",
        overrideSchema: ({ valibotSchema }) => customSchema(valibotSchema as unknown as { type: string; check?: unknown }),
    }) as JsonSchema & { $schema?: string };
    delete converted.$schema;
    return converted;
}

function addonDescription(addon: AnyAddon): string {
    const charts = addon.charts.map((chart) => `${chart.chart} ${chart.version}`).join(", ");
    return `The ${addon.name} add-on; runs on ${addon.runsOn.join(", ")} clusters${charts ? ` (charts: ${charts})` : ""}.`;
}

/** The stack file's schema: the project's keys (`<project>:<key>`), provider keys, and secrets for any other project key. */
export function stackFileSchema(addons: readonly AnyAddon[], project = "platform"): Record<string, unknown> {
    const { schema, keys } = platformSchemaOf(addons);
    const sections = (sectionSchema(schema) as { properties: Record<string, JsonSchema> }).properties;
    const descriptions: Record<string, string> = {
        ...CORE_DESCRIPTIONS,
        ...Object.fromEntries(addons.map((addon) => [addon.configKey, addonDescription(addon)])),
    };
    const properties: Record<string, unknown> = {};
    for (const key of keys) {
        properties[`${project}:${key}`] = { description: descriptions[key], ...sections[key] };
    }
    const owned = keys.map((key) => key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
    return {
        $schema: "http://json-schema.org/draft-07/schema#",
        title: `Pulumi stack file of the ${project} project (Pulumi.<stack>.yaml)`,
        type: "object",
        properties: {
            config: {
                type: "object",
                properties: {
                    ...properties,
                    "aws:region": { type: "string", description: "The AWS region of an EKS stack (required there), e.g. us-east-1." },
                    "aws:profile": { type: "string", description: "The AWS CLI profile the kubeconfig's `aws eks get-token` uses." },
                    "pulumi:disable-default-providers": { type: "array", items: { type: "string" } },
                },
                patternProperties: { [`^${project}:(?!(${owned})$)`]: PLATFORM_SECRET },
                required: [`${project}:environment`, `${project}:cluster`],
            },
            encryptionsalt: { type: "string" },
            secretsprovider: { type: "string" },
            encryptedkey: { type: "string" },
        },
        additionalProperties: false,
    };
}
