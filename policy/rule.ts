// The contract every platform policy is written against. Rules are pure functions of
// a resource's type, name and inputs, so the same rule runs in the offline plan (on
// recorded inputs) and in the Pulumi policy pack (on the engine's view of a resource).

export interface PolicyResource {
    /** The Pulumi type token, e.g. `kubernetes:apps/v1:Deployment`. */
    type: string;
    name: string;
    inputs: Record<string, unknown>;
}

/** A rule that judges one resource at a time. */
export interface ResourceRule {
    name: string;
    description: string;
    /** One message per violation; empty when the resource complies or the rule does not apply. */
    check(resource: PolicyResource): string[];
}

export interface StackViolation<R extends PolicyResource = PolicyResource> {
    resource: R;
    message: string;
}

/** A rule that needs the whole set of resources, e.g. to relate a Deployment to its PodDisruptionBudget. */
export interface StackRule {
    name: string;
    description: string;
    checkStack<R extends PolicyResource>(resources: readonly R[]): StackViolation<R>[];
}
