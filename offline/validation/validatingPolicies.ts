// Evaluates Kyverno ValidatingPolicies (policies.kyverno.io/v1) against objects, offline: the
// plan checks every object it declares against the admission policies it declares, so the
// platform never deploys what its own policies would refuse. CEL runs on @bufbuild/cel (a
// conformance-tested CEL implementation); the matching around it is the subset the
// platform's policies use: resourceRules by group, version and resource, a namespaceSelector
// of `kubernetes.io/metadata.name` NotIn/In, matchConditions, variables, validations. Anything
// else in a policy is refused, not ignored. Kyverno compiles `object` as dyn
// (kyverno/kyverno@v1.19.0:pkg/cel/policies/vpol/compiler/compiler.go:215), as here.
import { celEnv, isCelError, parse, plan } from "@bufbuild/cel";
import { cachedRegex, celRegexEngine } from "./cachedRegex";

interface Expression {
    name?: string;
    expression: string;
    message?: string;
}

interface ResourceRule {
    apiGroups?: string[];
    apiVersions?: string[];
    operations?: string[];
    resources?: string[];
}

interface LabelSelectorRequirement {
    key: string;
    operator: string;
    values?: string[];
}

export interface ValidatingPolicyObject {
    metadata: { name: string };
    spec: {
        matchConstraints: { resourceRules: ResourceRule[]; namespaceSelector?: { matchExpressions?: LabelSelectorRequirement[] }; [key: string]: unknown };
        matchConditions?: Expression[];
        variables?: Expression[];
        validations: Expression[];
        [key: string]: unknown;
    };
}

export interface AdmissionFinding {
    policy: string;
    /** The validation's message, or the evaluation error. */
    message: string;
}

const KNOWN_MATCH = new Set(["resourceRules", "namespaceSelector"]);

type Program = ReturnType<typeof plan>;
const ENV = celEnv({ re2: cachedRegex(celRegexEngine()) });
const PROGRAMS = new Map<string, Program>();

/** Parses and plans each expression once: the plan checks every object against the same few expressions. */
function compiled(expression: string): Program {
    let program = PROGRAMS.get(expression);
    if (!program) {
        program = plan(ENV, parse(expression));
        PROGRAMS.set(expression, program);
    }
    return program;
}

/** The expression's value for the bindings; an error names the expression. */
function evaluateExpression(expression: string, bindings: Record<string, unknown>): unknown {
    let result: unknown;
    try {
        result = compiled(expression)(bindings as Parameters<Program>[0]);
    } catch (error) {
        throw new Error(`${expression}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    if (isCelError(result)) {
        throw new Error(`${expression}: ${result.message}`);
    }
    return result;
}
const NAME_LABEL = "kubernetes.io/metadata.name";

/** The resource of a kind, as the API server names it (Deployment → deployments, NetworkPolicy → networkpolicies). */
export function resourceOf(kind: string): string {
    const lower = kind.toLowerCase();
    return lower.endsWith("y") ? `${lower.slice(0, -1)}ies` : lower.endsWith("s") ? `${lower}es` : `${lower}s`;
}

/** How an object becomes CEL's value; see celObjects. */
export type CelConversion = (object: Record<string, unknown>) => unknown;

/**
 * A conversion that converts each object once, for all the policies that match it: for one
 * pass over objects that do not change during it (the plan's admission check).
 */
export function celObjects(): CelConversion {
    const converted = new WeakMap<object, unknown>();
    return (object) => {
        let value = converted.get(object);
        if (value === undefined) {
            value = celValue(object);
            converted.set(object, value);
        }
        return value;
    };
}

/** An object as CEL sees JSON: whole numbers are ints (as the API server's CEL has them), objects are maps. */
function celValue(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(celValue);
    }
    if (value !== null && typeof value === "object") {
        return new Map(Object.entries(value).filter(([, item]) => item !== undefined).map(([key, item]) => [key, celValue(item)]));
    }
    return typeof value === "number" && Number.isInteger(value) ? BigInt(value) : value;
}

function unsupported(policy: ValidatingPolicyObject): string | undefined {
    const extra = Object.keys(policy.spec.matchConstraints).filter((key) => !KNOWN_MATCH.has(key));
    if (extra.length > 0) {
        return `matchConstraints.${extra.join(", ")} is not supported by the offline evaluator`;
    }
    const requirement = (policy.spec.matchConstraints.namespaceSelector?.matchExpressions ?? []).find((r) => r.key !== NAME_LABEL || !["In", "NotIn"].includes(r.operator));
    return requirement ? `namespaceSelector ${requirement.key} ${requirement.operator} is not supported by the offline evaluator` : undefined;
}

/** Whether the policy's match constraints select the object on CREATE. */
export function policyMatches(policy: ValidatingPolicyObject, object: Record<string, unknown>): boolean {
    const [group, version] = String(object.apiVersion).includes("/") ? String(object.apiVersion).split("/") : ["", String(object.apiVersion)];
    const resource = resourceOf(String(object.kind));
    const any = (list: string[] | undefined, value: string) => (list ?? []).some((item) => item === "*" || item === value);
    const ruleMatches = policy.spec.matchConstraints.resourceRules.some(
        (rule) => any(rule.apiGroups, group) && any(rule.apiVersions, version) && any(rule.operations, "CREATE") && any(rule.resources, resource),
    );
    if (!ruleMatches) {
        return false;
    }
    const namespace = (object.metadata as { namespace?: string } | undefined)?.namespace;
    // A namespaceSelector does not restrict cluster-scoped objects.
    return namespace === undefined || (policy.spec.matchConstraints.namespaceSelector?.matchExpressions ?? []).every((r) => (r.values ?? []).includes(namespace) === (r.operator === "In"));
}

/** What the policy finds wrong with the object (empty when it passes or does not match). */
export function evaluatePolicy(policy: ValidatingPolicyObject, object: Record<string, unknown>, asCel: CelConversion = celValue): AdmissionFinding[] {
    const name = policy.metadata.name;
    const notSupported = unsupported(policy);
    if (notSupported) {
        return [{ policy: name, message: notSupported }];
    }
    if (!policyMatches(policy, object)) {
        return [];
    }
    const bindings: Record<string, unknown> = { object: asCel(object) };
    const evaluate = (expression: string) => evaluateExpression(expression, bindings);
    try {
        if (!(policy.spec.matchConditions ?? []).every((condition) => evaluate(condition.expression) === true)) {
            return [];
        }
        const variables = new Map<string, unknown>();
        bindings.variables = variables;
        for (const variable of policy.spec.variables ?? []) {
            variables.set(variable.name!, evaluate(variable.expression));
        }
        return policy.spec.validations
            .filter((validation) => evaluate(validation.expression) !== true)
            .map((validation) => ({ policy: name, message: validation.message ?? `failed: ${validation.expression}` }));
    } catch (error) {
        // Kyverno reports an expression that cannot be evaluated as an error result (and refuses under failurePolicy Fail).
        return [{ policy: name, message: `cannot be evaluated: ${(error as Error).message.split("\n")[0]}` }];
    }
}

export function isValidatingPolicy(object: Record<string, unknown>): boolean {
    return object.apiVersion === "policies.kyverno.io/v1" && object.kind === "ValidatingPolicy";
}
