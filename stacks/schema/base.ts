// Building blocks of the config schemas: objects and records that take nothing but a
// mapping, whole numbers, defaults, checks across fields, and the wording of type errors.
import * as v from "valibot";

/** A problem found by a check across fields, at a path of keys and list indexes below the checked value. */
export interface PathIssue {
    path: (string | number)[];
    message: string;
}

/** The type of a value as a message names it: string, number, boolean, array, object, null. */
function typeName(value: unknown): string {
    if (value === null) {
        return "null";
    }
    if (Array.isArray(value)) {
        return "array";
    }
    // NaN and Infinity are numbers to typeof but not to a user.
    return typeof value === "number" && !Number.isFinite(value) ? String(value) : typeof value;
}

/** The message of a value of the wrong type, e.g. "Invalid input: expected string, received number". */
export function typeError(expected: string): (issue: v.BaseIssue<unknown>) => string {
    return (issue) => `Invalid input: expected ${expected}, received ${typeName(issue.input)}`;
}

/**
 * The parse config's message, used by the schemas that carry none of their own (strings,
 * booleans, lists): the type error in the same words as the ones above.
 */
export function defaultMessage(issue: v.BaseIssue<unknown>): string {
    return typeError((issue.expected ?? "value").toLowerCase())(issue);
}

/** The issue a strict object reports for a key it does not know. */
export function isUnknownKey(issue: v.BaseIssue<unknown>): boolean {
    return issue.type === "strict_object" && issue.expected === "never";
}

/** A YAML/JSON mapping: an object that is not a list. */
export function isMapping(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An object with exactly these keys. valibot's objects would take a list as an object with no keys. */
export function object<const TEntries extends v.ObjectEntries>(entries: TEntries) {
    return v.pipe(v.custom<Record<string, unknown>>(isMapping, typeError("object")), v.strictObject(entries));
}

/** A mapping whose keys and values are both checked; a list is rejected as for objects. */
export function record<TKey extends v.GenericSchema<string, string>, TValue extends v.GenericSchema>(key: TKey, value: TValue) {
    return v.pipe(v.custom<Record<string, unknown>>(isMapping, typeError("record")), v.record(key, value));
}

/** Objects told apart by `key`; `message` is reported at `key` when it names none of the options. */
export function variant<const TKey extends string, const TOptions extends v.VariantOptions<TKey>>(key: TKey, options: TOptions, message: string) {
    return v.pipe(v.custom<v.InferInput<TOptions[number]>>(isMapping, typeError("object")), v.variant(key, options, message));
}

/** One of the listed strings. */
export function oneOf<const TOptions extends readonly string[]>(options: TOptions, message?: string) {
    return v.picklist(options, message ?? `Invalid option: expected one of ${options.map((option) => `"${option}"`).join("|")}`);
}

/** `value` when the key is left out. The default is parsed like a given value, so an object default of `{}` gets its fields' defaults. */
export function withDefault<const TSchema extends v.GenericSchema, const TDefault extends v.Default<TSchema, undefined>>(schema: TSchema, value: TDefault) {
    return v.optional(schema, value);
}

const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * A whole number. Anything else fails as a wrong type, with `message` when given: no range
 * message and no check across fields follows it. Beyond ±(2^53 - 1) numbers are not exact.
 */
export function int(message?: string) {
    return v.pipe(
        v.custom<number>((input) => typeof input === "number" && Number.isFinite(input), message ?? typeError("number")),
        v.custom<number>(Number.isInteger, message ?? typeError("int")),
        v.minValue(-SAFE, message ?? `Too small: expected int to be >=${-SAFE}`),
        v.maxValue(SAFE, message ?? `Too big: expected int to be <=${SAFE}`),
    );
}

/** A whole number of at least `min`. */
export function intAtLeast(min: number, message: string, typeMessage?: string) {
    return v.pipe(int(typeMessage), v.minValue(min, message));
}

/** The largest value of a Kubernetes int32 field (probe timings, replicas, a Job's backoffLimit). */
export const INT32_MAX = 2147483647;

/**
 * A whole number from `min` that fits the int32 the Kubernetes API declares for the field
 * (k8s.io/api core/v1 and batch/v1 types.go): a larger one wraps negative on the way and the
 * API server refuses the object (seen on the real API server by the config-rejects oracle).
 */
export function int32AtLeast(min: number, message: string, typeMessage?: string) {
    return v.pipe(int(typeMessage), v.minValue(min, message), v.maxValue(INT32_MAX, `must be at most ${INT32_MAX} (a Kubernetes int32)`));
}

/** A whole number in `min`..`max`, with one message for both bounds. */
export function intIn(min: number, max: number, message: string, typeMessage?: string) {
    return v.pipe(int(typeMessage), v.minValue(min, message), v.maxValue(max, message));
}

/** A check of a single value whose message depends on it: `problem` returns the message, or undefined. */
export function checkWith<T>(problem: (value: T) => string | undefined) {
    return v.rawCheck<T>(({ dataset, addIssue }) => {
        const message = dataset.typed ? problem(dataset.value) : undefined;
        if (message) {
            addIssue({ message });
        }
    });
}

/**
 * A check across the fields of a parsed value, reporting at paths below it. It runs when every
 * field parsed: after failed checks and unknown keys, which leave the fields in place, but not
 * after a value of the wrong type or a missing key.
 */
export function crossCheck<T>(issues: (value: T) => PathIssue[]) {
    return v.rawCheck<T>(({ dataset, addIssue }) => {
        const complete = dataset.typed || (dataset.issues ?? []).every((issue) => issue.kind === "validation" || isUnknownKey(issue));
        if (!complete) {
            return;
        }
        const value = dataset.value as T;
        for (const { path, message } of issues(value)) {
            addIssue({ message, path: pathItems(value, path) });
        }
    });
}

/** valibot's form of a path: one item per key or index, with the value it leads from and to. */
function pathItems(root: unknown, path: (string | number)[]): [v.IssuePathItem, ...v.IssuePathItem[]] {
    let current = root;
    const items = path.map((key): v.IssuePathItem => {
        const input = current;
        if (Array.isArray(input)) {
            current = input[key as number];
            return { type: "array", origin: "value", input, key: key as number, value: current };
        }
        // A path may lead past a value that is not there, e.g. the url of a missing repository.
        const object = isMapping(input) ? input : {};
        current = object[key];
        return { type: "object", origin: "value", input: object, key: String(key), value: current };
    });
    return items as [v.IssuePathItem, ...v.IssuePathItem[]];
}
