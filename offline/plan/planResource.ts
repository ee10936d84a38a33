// One entry of resources.json: a recorded resource with exactly the fields the plan
// promises, and every secret value replaced by "[secret]".
import type { ResourceRecord } from "../evaluate";
import { redactSecrets } from "../secretValues";

/** The recorded resource without the options the plan does not promise; `aliases` only where there are any. */
export type PlanResource = Omit<ResourceRecord, "ignoreChanges" | "aliases" | "customTimeouts"> & { aliases?: string[] };

export function toPlanResource(record: ResourceRecord): PlanResource {
    return {
        type: record.type,
        name: record.name,
        parent: record.parent,
        provider: record.provider,
        dependsOn: [...record.dependsOn],
        protect: record.protect,
        ...(record.aliases.length > 0 ? { aliases: [...record.aliases] } : {}),
        inputs: redactSecrets(record.inputs) as Record<string, unknown>,
    };
}

export const resourceKey = (resource: { type: string; name: string }) => `${resource.type}::${resource.name}`;

export function renderResourcesJson(resources: readonly PlanResource[]): string {
    return `${JSON.stringify(resources, null, 2)}\n`;
}
