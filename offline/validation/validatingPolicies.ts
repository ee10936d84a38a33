// Evaluates Kyverno ValidatingPolicies (policies.kyverno.io/v1) against objects, offline: the
// plan checks every object it declares against the admission policies it declares, so the
// platform never deploys what its own policies would refuse. CEL runs on @bufbuild/cel (a
// conformance-tested CEL implementation); the matching around it is the subset the
// platform's policies use: resourceRules by group, version and resource, a namespaceSelector
// of `kubernetes.io/metadata.name` NotIn/In, matchConditions, variables, validations. Anything
// else in a policy is refused, not ignored. Kyverno compiles `object` as dyn
// (kyverno/kyverno@v1.19.0:pkg/cel/policies/vpol/compiler/compiler.go:215), as here.
import { celEnv, celList, celMap, isCelError, parse, plan } from "@bufbuild/cel";

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

/**
 * An object as CEL sees JSON: whole numbers are ints (as the API server's CEL has them), objects
 * are maps. Built as CEL's own list and map values, which CEL hands out as they are (a plain
 * Map or array is wrapped anew on every access: @bufbuild/cel 0.6.1 dist/cjs/value.js:29-60,
 * map.js:63, list.js:52), and an object's fields converted when CEL first reads them: the
 * policies read a few fields of each object.
 */
function celValue(value: unknown): unknown {
    if (Array.isArray(value)) {
        const items: unknown[] = new Array(value.length);
        for (let index = 0; index < value.length; index++) {
            items[index] = celValue(value[index]);
        }
        return celList(items as Parameters<typeof celList>[0]);
    }
    if (value !== null && typeof value === "object") {
        return celMap(new FieldMap(value as Record<string, unknown>) as Parameters<typeof celMap>[0]);
    }
    return typeof value === "number" && Number.isInteger(value) ? BigInt(value) : value;
}

/**
 * An object's defined fields as a Map of CEL values, each converted when first read; its size
 * and its iteration convert them all, in the object's order.
 */
class FieldMap extends Map<string, unknown> {
    #complete = false;

    constructor(private readonly source: Record<string, unknown>) {
        super();
    }

    override get(key: string): unknown {
        if (
            !this.#complete &&
            typeof key === "string" &&
            !super.has(key) &&
            Object.prototype.hasOwnProperty.call(this.source, key) &&
            this.source[key] !== undefined
        ) {
            super.set(key, celValue(this.source[key]));
        }
        return super.get(key);
    }

    override has(key: string): boolean {
        return this.get(key) !== undefined;
    }

    override get size(): number {
        this.complete();
        return super.size;
    }

    override keys(): MapIterator<string> {
        this.complete();
        return super.keys();
    }

    override values(): MapIterator<unknown> {
        this.complete();
        return super.values();
    }

    override entries(): MapIterator<[string, unknown]> {
        this.complete();
        return super.entries();
    }

    override [Symbol.iterator](): MapIterator<[string, unknown]> {
        return this.entries();
    }

    override forEach(callback: (value: unknown, key: string, map: Map<string, unknown>) => void, thisArg?: unknown): void {
        this.complete();
        super.forEach(callback, thisArg);
    }

    /** Every field converted, in the object's order (fields read before keep their values). */
    private complete(): void {
        if (this.#complete) {
            return;
        }
        const read = new Map(super.entries());
        super.clear();
        for (const key of Object.keys(this.source)) {
            const item = this.source[key];
            if (item !== undefined) {
                super.set(key, read.has(key) ? read.get(key) : celValue(item));
            }
        }
        this.#complete = true;
    }
}

const UNSUPPORTED = new WeakMap<ValidatingPolicyObject, { message: string | undefined }>();

/** What of the policy the evaluator does not support; read once per policy. */
function unsupported(policy: ValidatingPolicyObject): string | undefined {
    let answer = UNSUPPORTED.get(policy);
    if (!answer) {
        answer = { message: unsupportedPart(policy) };
        UNSUPPORTED.set(policy, answer);
    }
    return answer.message;
}

function unsupportedPart(policy: ValidatingPolicyObject): string | undefined {
    const extra = Object.keys(policy.spec.matchConstraints).filter((key) => !KNOWN_MATCH.has(key));
    if (extra.length > 0) {
        return `matchConstraints.${extra.join(", ")} is not supported by the offline evaluator`;
    }
    const requirement = (policy.spec.matchConstraints.namespaceSelector?.matchExpressions ?? []).find(
        (r) => r.key !== NAME_LABEL || !["In", "NotIn"].includes(r.operator),
    );
    return requirement ? `namespaceSelector ${requirement.key} ${requirement.operator} is not supported by the offline evaluator` : undefined;
}

/** Whether the policy's match constraints select the object on CREATE. */
export function policyMatches(policy: ValidatingPolicyObject, object: Record<string, unknown>): boolean {
    if (!rulesMatch(policy, String(object.apiVersion), String(object.kind))) {
        return false;
    }
    const namespace = (object.metadata as { namespace?: string } | undefined)?.namespace;
    // A namespaceSelector does not restrict cluster-scoped objects.
    return (
        namespace === undefined ||
        (policy.spec.matchConstraints.namespaceSelector?.matchExpressions ?? []).every((r) => (r.values ?? []).includes(namespace) === (r.operator === "In"))
    );
}

const VARIABLES_OF_OBJECT = new WeakMap<object, Map<string, unknown>>();
const VARIABLE_KEYS = new WeakMap<ValidatingPolicyObject, string[]>();

/**
 * The variable values computed for an object's CEL value, by variableKeys: the plan's policies
 * for Pods share their first variables (podSpec, containers, podContext), and celObjects gives
 * all policies one value for one object. A fresh conversion shares nothing.
 */
function knownVariables(object: unknown): Map<string, unknown> {
    if (object === null || typeof object !== "object") {
        return new Map();
    }
    let known = VARIABLES_OF_OBJECT.get(object);
    if (!known) {
        known = new Map();
        VARIABLES_OF_OBJECT.set(object, known);
    }
    return known;
}

/** For each variable of the policy, what determines its value: its name and expression and those of the variables before it. */
function variableKeys(policy: ValidatingPolicyObject): string[] {
    let keys = VARIABLE_KEYS.get(policy);
    if (!keys) {
        const variables = policy.spec.variables ?? [];
        keys = variables.map((_, index) => JSON.stringify(variables.slice(0, index + 1).map((variable) => [variable.name, variable.expression])));
        VARIABLE_KEYS.set(policy, keys);
    }
    return keys;
}

const RULE_MATCHES = new WeakMap<ValidatingPolicyObject, Map<string, boolean>>();

/** Whether a resourceRule selects objects of the kind on CREATE; answered once per policy and kind. */
function rulesMatch(policy: ValidatingPolicyObject, apiVersion: string, kind: string): boolean {
    let answers = RULE_MATCHES.get(policy);
    if (!answers) {
        answers = new Map();
        RULE_MATCHES.set(policy, answers);
    }
    const key = `${apiVersion} ${kind}`;
    let matches = answers.get(key);
    if (matches === undefined) {
        const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
        const resource = resourceOf(kind);
        const any = (list: string[] | undefined, value: string) => (list ?? []).some((item) => item === "*" || item === value);
        matches = policy.spec.matchConstraints.resourceRules.some(
            (rule) => any(rule.apiGroups, group) && any(rule.apiVersions, version) && any(rule.operations, "CREATE") && any(rule.resources, resource),
        );
        answers.set(key, matches);
    }
    return matches;
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
        const known = knownVariables(bindings.object);
        (policy.spec.variables ?? []).forEach((variable, index) => {
            // The same variables, in the same order, have the same values for the same object.
            const key = variableKeys(policy)[index];
            let value = known.get(key);
            if (value === undefined) {
                value = evaluate(variable.expression);
                known.set(key, value);
            }
            variables.set(variable.name!, value);
        });
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
