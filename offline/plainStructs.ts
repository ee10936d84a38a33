// The mock monitor passes every resource's inputs and outputs through protobuf Structs:
// the SDK builds a Struct from the serialized properties (runtime/resource.js:460), the
// mock monitor reads it back with toJavaScript() (runtime/mocks.js:110, rpc.js:185), and
// the same for the outputs it answers with (mocks.js:122). In process, nothing ever
// encodes those Structs to bytes, so the round trip only copies: google-protobuf 3.21
// (google/protobuf/struct_pb.js:861-955) accepts strings, numbers, booleans, null, arrays
// and objects (for...in), and its Map yields keys sorted (jspb.Map forEach). A key-sorted
// deep copy carried on the Struct gives the same JavaScript value; anything else takes the
// library's own path, and its own error. The SDK then deserializes that value into a copy
// again (runtime/rpc.js:183-193, deserializeProperty:623-766), which for plain data without
// the SDK's special values (signature key, unknown sentinel) is the same value: the copy is
// handed over as it is.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK's copy, which has no typings
const structs = require("google-protobuf/google/protobuf/struct_pb") as { Struct: StructClass };

interface StructInstance {
    toJavaScript(): unknown;
}
interface StructClass {
    new (): StructInstance;
    fromJavaScript(value: unknown): StructInstance;
    prototype: StructInstance;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK's internal module, which has no typings
const rpc = require("@pulumi/pulumi/runtime/rpc") as RpcModule;

interface RpcModule {
    specialSigKey: string;
    unknownValue: string;
    deserializeProperties(struct: StructInstance, keepUnknowns?: boolean): Record<string, unknown>;
}

const PLAIN = Symbol("plain value");
/** Set on a Struct whose plain copy holds a signature key or the unknown sentinel: deserialized by the SDK. */
const SPECIAL = Symbol("holds special values");
class Unsupported extends Error {}

let prototypePatched = false;

/**
 * Carries a plain copy on each Struct built until the returned function is called, instead of
 * building its fields: only for the in-process mock monitor, which never encodes a Struct.
 * A Struct built for real gRPC (a test's client, a policy pack) must be built outside.
 */
export function usePlainStructs(): () => void {
    const { Struct } = structs;
    if (!prototypePatched) {
        const toJavaScript = Struct.prototype.toJavaScript;
        Struct.prototype.toJavaScript = function (this: PlainStruct) {
            // Read once, by deserializeProperties (which hands it over or builds new containers): the copy is not shared.
            return PLAIN in this ? this[PLAIN] : toJavaScript.call(this);
        };
        prototypePatched = true;
    }
    const fromJavaScript = Struct.fromJavaScript;
    Struct.fromJavaScript = (value: unknown) => {
        let copy: unknown;
        special = false;
        try {
            copy = plainCopy(value);
        } catch (error) {
            if (error instanceof Unsupported) {
                return fromJavaScript.call(Struct, value);
            }
            throw error;
        }
        const struct = new Struct() as PlainStruct;
        struct[PLAIN] = copy;
        if (special) {
            struct[SPECIAL] = true;
        }
        return struct;
    };
    const deserializeProperties = rpc.deserializeProperties;
    rpc.deserializeProperties = (struct: StructInstance, keepUnknowns?: boolean) => {
        const plain = struct as PlainStruct;
        if (PLAIN in plain && !plain[SPECIAL] && isPlainRecord(plain[PLAIN])) {
            // What deserializeProperties builds from it: the same keys in the same order, each value copied as it is.
            HANDED_OVER.add(plain[PLAIN]);
            return plain[PLAIN];
        }
        return deserializeProperties(struct, keepUnknowns);
    };
    return () => {
        Struct.fromJavaScript = fromJavaScript;
        rpc.deserializeProperties = deserializeProperties;
    };
}

/** The plain copies handed over as deserialized properties. */
const HANDED_OVER = new WeakSet<object>();

/** Whether the value was handed over as deserialized properties: it holds none of the SDK's markers, so no secret. */
export function holdsNoSdkMarkers(value: unknown): boolean {
    return typeof value === "object" && value !== null && HANDED_OVER.has(value);
}

type PlainStruct = StructInstance & { [PLAIN]?: unknown; [SPECIAL]?: boolean };

/** Whether the last plainCopy met a value the SDK deserializes into something else. */
let special = false;

/** What Struct.fromJavaScript(value).toJavaScript() returns for plain data; throws Unsupported otherwise. */
export function plainCopy(value: unknown): unknown {
    if (value === null || typeof value === "number" || typeof value === "boolean") {
        return value;
    }
    if (typeof value === "string") {
        special ||= value === rpc.unknownValue;
        return value;
    }
    if (Array.isArray(value)) {
        const copy: unknown[] = [];
        for (let index = 0; index < value.length; index++) {
            copy.push(plainCopy(value[index]));
        }
        return copy;
    }
    if (typeof value === "object" && isPlainObject(value)) {
        const copy: Record<string, unknown> = {};
        for (const key of Object.keys(value).sort()) {
            if (key === "__proto__") {
                throw new Unsupported();
            }
            special ||= key === rpc.specialSigKey;
            copy[key] = plainCopy((value as Record<string, unknown>)[key]);
        }
        return copy;
    }
    throw new Unsupported();
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isPlainObject(value: object): boolean {
    const prototype = Object.getPrototypeOf(value);
    return prototype === Object.prototype || prototype === null;
}
