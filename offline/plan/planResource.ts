// One entry of resources.json: a recorded resource with exactly the fields the plan
// promises, and every secret value replaced by "[secret]".
import type { ResourceRecord } from "../evaluate";
import { redactSecrets } from "../secretValues";

export interface PlanResource {
    type: string;
    name: string;
    /** `type::name` of the parent, or null. */
    parent: string | null;
    /** `type::name` of the explicit provider, or null. */
    provider: string | null;
    dependsOn: string[];
    protect: boolean;
    inputs: Record<string, unknown>;
}

export function toPlanResource(record: ResourceRecord): PlanResource {
    return {
        type: record.type,
        name: record.name,
        parent: record.parent,
        provider: record.provider,
        dependsOn: [...record.dependsOn],
        protect: record.protect,
        inputs: redactSecrets(record.inputs) as Record<string, unknown>,
    };
}

export const resourceKey = (resource: { type: string; name: string }) => `${resource.type}::${resource.name}`;

export function renderResourcesJson(resources: readonly PlanResource[]): string {
    return `${JSON.stringify(resources, null, 2)}\n`;
}
