// The SDK serializes every input and output property with one `await` per value, however
// plain: serializeProperty (@pulumi/pulumi 3.270.0 runtime/rpc.js:329-548) awaits each key
// of an object and each element of an array in turn and builds a context string for each.
// For plain data (strings, numbers, booleans, null, undefined, functions, arrays and objects
// of plain data) its result is a copy: undefined and functions left out of objects and null
// in arrays (rpc.js:338-347, :518-526, :531-543). This serializer returns that copy at once
// and hands everything else (Outputs, promises, resources, assets, unknowns, class
// instances) to the SDK's own serializeProperty, walking the containers around them in the
// same order as the SDK does, one value after the other.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK's internal module, which has no typings
const rpc = require("@pulumi/pulumi/runtime/rpc") as RpcModule;

type Serialize = (ctx: string, prop: unknown, dependentResources: Set<unknown> | undefined, opts?: SerializeOptions) => Promise<unknown>;
type SerializeFiltered = (
    label: string,
    props: Record<string, unknown>,
    opts?: SerializeOptions,
) => Promise<[Record<string, unknown>, Map<string, Set<unknown>>]>;

interface SerializeOptions {
    pendingRegistration?: { inputProperty?: string };
    [key: string]: unknown;
}

interface RpcModule {
    serializeProperty: Serialize;
    serializeProperties: (label: string, props: Record<string, unknown>, opts?: SerializeOptions) => Promise<Record<string, unknown>>;
    serializeResourceProperties: SerializeFiltered;
    serializePropertiesReturnDeps: SerializeFiltered;
}

/** The members by which the SDK recognizes its own objects (Asset, Archive, Output, Unknown, resources); utils.js:33-43. */
const SDK_MARKERS = ["__pulumiAsset", "__pulumiArchive", "__pulumiOutput", "__pulumiUnknown", "__pulumiCustomResource", "__pulumiComponentResource"];

/** Deeper than this, the SDK's own walk takes over (it fails on a cycle in its own way). */
const MAX_DEPTH = 100;

/**
 * Serializes plain data at once for the rest of the evaluation, until the returned function
 * is called. The SDK's own exports are replaced, so the runtime's resource registration,
 * its output resolution and the mock monitor take this path.
 */
export function usePlainSerialization(): () => void {
    const original = { ...rpc };
    const serializeProperty = plainFirst(original.serializeProperty);
    const filtered =
        (acceptKey: (key: string) => boolean): SerializeFiltered =>
        (label, props, opts) =>
            serializeFiltered(serializeProperty, label, props, acceptKey, opts);
    rpc.serializeProperty = serializeProperty;
    rpc.serializeResourceProperties = filtered((key) => key !== "id" && key !== "urn");
    rpc.serializePropertiesReturnDeps = filtered(() => true);
    rpc.serializeProperties = async (label, props, opts) => (await serializeFiltered(serializeProperty, label, props, () => true, opts))[0];
    return () => {
        Object.assign(rpc, {
            serializeProperty: original.serializeProperty,
            serializeResourceProperties: original.serializeResourceProperties,
            serializePropertiesReturnDeps: original.serializePropertiesReturnDeps,
            serializeProperties: original.serializeProperties,
        });
    };
}

/** serializeFilteredProperties (rpc.js:122-151) with the plain-first serializer. */
async function serializeFiltered(
    serialize: Serialize,
    label: string,
    props: Record<string, unknown>,
    acceptKey: (key: string) => boolean,
    opts?: SerializeOptions,
): Promise<[Record<string, unknown>, Map<string, Set<unknown>>]> {
    const propertyToDependentResources = new Map<string, Set<unknown>>();
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(props)) {
        if (!acceptKey(key)) {
            continue;
        }
        if (opts?.pendingRegistration !== undefined) {
            opts.pendingRegistration.inputProperty = key;
        }
        const dependentResources = new Set<unknown>();
        let value: unknown;
        try {
            value = await serialize(`${label}.${key}`, props[key], dependentResources, opts);
        } catch (error) {
            // As the SDK: the same error, its message naming the property.
            if (error instanceof Error) {
                error.message = `error serializing property "${key}": ${error.message}`;
                throw error;
            }
            throw new Error(`error serializing property "${key}": ${String(error)}`, { cause: error });
        }
        if (value !== undefined) {
            result[key] = value;
            propertyToDependentResources.set(key, dependentResources);
        }
    }
    return [result, propertyToDependentResources];
}

/** serializeProperty that copies plain data at once and leaves the rest to `sdk`. */
export function plainFirst(sdk: Serialize): Serialize {
    // The context string (the value's path, which the SDK only logs) is built for containers and the SDK's values alone.
    const child = (
        parent: string,
        key: string | number,
        prop: unknown,
        deps: Set<unknown> | undefined,
        opts: SerializeOptions | undefined,
        depth: number,
    ): unknown =>
        typeof prop === "string" || typeof prop === "number" || typeof prop === "boolean" || prop === undefined || prop === null
            ? prop
            : walk(typeof key === "number" ? `${parent}[${key}]` : `${parent}.${key}`, prop, deps, opts, depth);

    const walk = (ctx: string, prop: unknown, deps: Set<unknown> | undefined, opts: SerializeOptions | undefined, depth: number): unknown => {
        switch (typeof prop) {
            case "undefined":
            case "boolean":
            case "number":
            case "string":
                return prop;
            case "function":
                return undefined;
            case "object":
                break;
            default:
                return sdk(ctx, prop, deps, opts);
        }
        if (prop === null) {
            return null;
        }
        if (depth > MAX_DEPTH || !isPlainContainer(prop)) {
            return sdk(ctx, prop, deps, opts);
        }
        return Array.isArray(prop) ? walkArray(prop, ctx, deps, opts, depth) : walkObject(prop as Record<string, unknown>, ctx, deps, opts, depth);
    };

    const walkArray = (prop: unknown[], ctx: string, deps: Set<unknown> | undefined, opts: SerializeOptions | undefined, depth: number): unknown => {
        const result: unknown[] = [];
        for (let index = 0; index < prop.length; index++) {
            const element = child(ctx, index, prop[index], deps, opts, depth + 1);
            if (element instanceof Promise) {
                return (async () => {
                    let value = await element;
                    result.push(value === undefined ? null : value);
                    for (let rest = index + 1; rest < prop.length; rest++) {
                        value = await child(ctx, rest, prop[rest], deps, opts, depth + 1);
                        result.push(value === undefined ? null : value);
                    }
                    return result;
                })();
            }
            result.push(element === undefined ? null : element);
        }
        return result;
    };

    const walkObject = (
        prop: Record<string, unknown>,
        ctx: string,
        deps: Set<unknown> | undefined,
        opts: SerializeOptions | undefined,
        depth: number,
    ): unknown => {
        const result: Record<string, unknown> = {};
        const keys = Object.keys(prop);
        for (let index = 0; index < keys.length; index++) {
            const key = keys[index];
            const item = child(ctx, key, prop[key], deps, opts, depth + 1);
            if (item instanceof Promise) {
                return (async () => {
                    let value = await item;
                    if (value !== undefined) {
                        result[key] = value;
                    }
                    for (let rest = index + 1; rest < keys.length; rest++) {
                        value = await child(ctx, keys[rest], prop[keys[rest]], deps, opts, depth + 1);
                        if (value !== undefined) {
                            result[keys[rest]] = value;
                        }
                    }
                    return result;
                })();
            }
            if (item !== undefined) {
                result[key] = item;
            }
        }
        return result;
    };

    return async (ctx, prop, deps, opts) => walk(ctx, prop, deps, opts, 0);
}

/** An array or object literal the SDK walks key by key: no class instance, none of the SDK's own objects, no `__proto__` key. */
function isPlainContainer(value: object): boolean {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== Array.prototype && prototype !== null) {
        return false;
    }
    for (const marker of SDK_MARKERS) {
        if ((value as Record<string, unknown>)[marker] === true) {
            return false;
        }
    }
    return !Object.prototype.hasOwnProperty.call(value, "__proto__");
}
