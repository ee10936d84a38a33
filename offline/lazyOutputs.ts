// Every output property of a custom resource is an Output the SDK builds before the resource
// is registered (@pulumi/pulumi 3.270.0 runtime/rpc.js transferProperties:61-116): four
// pending promises and their resolvers, and an OutputImpl that chains seven more promises,
// eleven closures and a Proxy onto them (output.js:72-117). Until the mock monitor answers,
// every resource of the program holds them, about 30 KB each, and most are never read: a
// ConfigMap's apiVersion, kind, data. Here each is built when it is first read, from the
// answer if it has come (the same value, known-ness, secrecy and dependencies the SDK's
// resolver would have settled it with); a property nobody reads costs its resolver and a
// small record of the answer.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK's internal module, which has no typings
const rpc = require("@pulumi/pulumi/runtime/rpc") as { transferProperties: TransferProperties };
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK's internal module, which has no typings
const { Output } = require("@pulumi/pulumi/output") as { Output: OutputConstructor };
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK's internal module, which has no typings
const { isGrpcError } = require("@pulumi/pulumi/errors") as { isGrpcError: (error: Error) => boolean };

export type Resolver = (value: unknown, isKnown: boolean, isSecret: boolean, deps?: unknown[], error?: Error) => void;
type OutputConstructor = new (
    resource: object,
    value: Promise<unknown>,
    isKnown: Promise<boolean>,
    isSecret: Promise<boolean>,
    deps: Promise<unknown[]>,
) => object;
export type TransferProperties = (onto: Record<string, unknown>, label: string, props: Record<string, unknown>) => Record<string, Resolver>;

/** The SDK's own transferProperties, as it was before this module replaced it. */
export const sdkTransferProperties: TransferProperties = rpc.transferProperties;

let installed = false;

/** Builds resources' output properties when first read, for the rest of the process. */
export function useLazyResourceOutputs(): void {
    if (installed) {
        return;
    }
    rpc.transferProperties = (onto, label, props) => {
        const resolvers: Record<string, Resolver> = {};
        for (const key of Object.keys(props)) {
            if (key === "id" || key === "urn") {
                continue;
            }
            if (Object.prototype.hasOwnProperty.call(onto, key)) {
                throw new Error(`Property '${key}' is already initialized on target '${label}`);
            }
            resolvers[key] = lazyProperty(onto, key);
        }
        return resolvers;
    };
    installed = true;
}

/** Where a resource keeps, per output property not read yet, the answer it will be built from. */
const UNREAD = Symbol("output properties not read yet");
type Unread = Record<string, { answer?: Parameters<Resolver>; settle?: Resolver }>;
type Holder = Record<string, unknown> & { [UNREAD]?: Unread };

/** An enumerable property that becomes the Output when read (or whatever is assigned to it first). */
function lazyProperty(onto: Holder, key: string): Resolver {
    const unread = onto[UNREAD] ?? (Object.defineProperty(onto, UNREAD, { value: {} }) as Holder)[UNREAD]!;
    const state: Unread[string] = (unread[key] = {});
    Object.defineProperty(onto, key, accessorOf(key));
    return (...args) => (state.settle ? state.settle(...args) : void (state.answer = args));
}

const accessors = new Map<string, PropertyDescriptor>();

/** One getter and setter per property name, shared by all resources so that they keep their shapes. */
function accessorOf(key: string): PropertyDescriptor {
    let accessor = accessors.get(key);
    if (!accessor) {
        accessor = {
            get(this: Holder) {
                const state = this[UNREAD]![key];
                const [output, resolve] = pendingOutput(this);
                become(this, key, output);
                state.settle = resolve;
                if (state.answer) {
                    resolve(...state.answer);
                }
                return output;
            },
            set(this: Holder, value: unknown) {
                become(this, key, value);
            },
            enumerable: true,
            configurable: true,
        };
        accessors.set(key, accessor);
    }
    return accessor;
}

function become(onto: object, key: string, value: unknown): void {
    Object.defineProperty(onto, key, { value, writable: true, enumerable: true, configurable: true });
}

/** The Output transferProperties builds for one property, and its resolver (rpc.js:70-114). */
function pendingOutput(resource: object): [object, Resolver] {
    const value = pending<unknown>();
    const isKnown = pending<boolean>();
    const isSecret = pending<boolean>();
    const deps = pending<unknown[]>();
    const output = new Output(resource, value.promise, isKnown.promise, isSecret.promise, deps.promise);
    const resolve: Resolver = (settled, known, secret, dependencies = [], error) => {
        if (error) {
            if (!isGrpcError(error)) {
                [value, isKnown, isSecret, deps].forEach((promise) => promise.reject(error));
            }
            return;
        }
        value.resolve(settled);
        isKnown.resolve(known);
        isSecret.resolve(secret);
        deps.resolve(dependencies);
    };
    return [output, resolve];
}

/** Promise.withResolvers, which Node 20 lacks (tsconfig's lib stays ES2022 so that its use fails the typecheck). */
function pending<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: Error) => void } {
    let resolve!: (value: T) => void;
    let reject!: (error: Error) => void;
    const promise = new Promise<T>((resolveWith, rejectWith) => {
        resolve = resolveWith;
        reject = rejectWith;
    });
    return { promise, resolve, reject };
}
