// The mock monitor passes every resource's inputs and outputs through protobuf Structs:
// the SDK builds a Struct from the serialized properties (runtime/resource.js:460), the
// mock monitor reads it back with toJavaScript() (runtime/mocks.js:110, rpc.js:185), and
// the same for the outputs it answers with (mocks.js:122). In process, nothing ever
// encodes those Structs to bytes, so the round trip only copies: google-protobuf 3.21
// (google/protobuf/struct_pb.js:861-955) accepts strings, numbers, booleans, null, arrays
// and objects (for...in), and its Map yields keys sorted (jspb.Map forEach). A key-sorted
// deep copy carried on the Struct gives the same JavaScript value; anything else takes the
// library's own path, and its own error.
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

const PLAIN = Symbol("plain value");
class Unsupported extends Error {}

let installed = false;

/** Carries a plain copy on each Struct instead of building its fields (for the in-process mock monitor only). */
export function usePlainStructs(): void {
    if (installed) {
        return;
    }
    installed = true;
    const { Struct } = structs;
    const fromJavaScript = Struct.fromJavaScript.bind(Struct);
    const toJavaScript = Struct.prototype.toJavaScript;
    Struct.fromJavaScript = (value: unknown) => {
        let copy: unknown;
        try {
            copy = plainCopy(value);
        } catch (error) {
            if (error instanceof Unsupported) {
                return fromJavaScript(value);
            }
            throw error;
        }
        const struct = new Struct() as StructInstance & { [PLAIN]?: unknown };
        struct[PLAIN] = copy;
        return struct;
    };
    Struct.prototype.toJavaScript = function (this: StructInstance & { [PLAIN]?: unknown }) {
        // Read once, by deserializeProperties, which builds new containers: the copy is not shared.
        return PLAIN in this ? this[PLAIN] : toJavaScript.call(this);
    };
}

/** What Struct.fromJavaScript(value).toJavaScript() returns for plain data; throws Unsupported otherwise. */
export function plainCopy(value: unknown): unknown {
    if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
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
            copy[key] = plainCopy((value as Record<string, unknown>)[key]);
        }
        return copy;
    }
    throw new Unsupported();
}

function isPlainObject(value: object): boolean {
    const prototype = Object.getPrototypeOf(value);
    return prototype === Object.prototype || prototype === null;
}
