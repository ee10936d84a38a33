// The baseline as Pulumi policies: each rule becomes a mandatory policy of the pack.
// Kept apart from index.ts so the list can be inspected and exercised without
// starting the pack's gRPC server (which `new PolicyPack` does).
import type { PolicyResource as EnginePolicyResource, Policies, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

import type { PolicyResource, ResourceRule, StackRule } from "./rule";
import { RESOURCE_RULES, STACK_RULES } from "./rules";

type ResourceWithUrn = PolicyResource & { urn: string };

export function resourcePolicy(rule: ResourceRule): ResourceValidationPolicy {
    return {
        name: rule.name,
        description: rule.description,
        enforcementLevel: "mandatory",
        validateResource: (args, reportViolation) => {
            for (const message of rule.check({ type: args.type, name: args.name, inputs: args.props })) {
                reportViolation(message);
            }
        },
    };
}

export function stackPolicy(rule: StackRule): StackValidationPolicy {
    return {
        name: rule.name,
        description: rule.description,
        enforcementLevel: "mandatory",
        validateStack: (args, reportViolation) => {
            const resources = args.resources.map((resource: EnginePolicyResource): ResourceWithUrn => ({
                type: resource.type,
                name: resource.name,
                inputs: resource.props,
                urn: resource.urn,
            }));
            for (const violation of rule.checkStack(resources)) {
                reportViolation(violation.message, violation.resource.urn);
            }
        },
    };
}

export const PLATFORM_POLICIES: Policies = [...RESOURCE_RULES.map(resourcePolicy), ...STACK_RULES.map(stackPolicy)];
