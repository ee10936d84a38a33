// Runs the whole baseline over a set of resources, as the offline plan does.
import type { PolicyResource } from "./rule";
import { RESOURCE_RULES, STACK_RULES } from "./rules";

export interface PolicyViolation<R extends PolicyResource = PolicyResource> {
    rule: string;
    resource: R;
    message: string;
}

export function checkPolicies<R extends PolicyResource>(resources: readonly R[]): PolicyViolation<R>[] {
    const perResource = resources.flatMap((resource) =>
        RESOURCE_RULES.flatMap((rule) => rule.check(resource).map((message) => ({ rule: rule.name, resource, message }))),
    );
    const perStack = STACK_RULES.flatMap((rule) => rule.checkStack(resources).map(({ resource, message }) => ({ rule: rule.name, resource, message })));
    return [...perResource, ...perStack];
}
