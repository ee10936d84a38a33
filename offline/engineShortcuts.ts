// What the offline plan skips because only a real engine uses it (see shortcuts.ts for the
// switch): the runtime's per-promise debug wrappers, the protobuf round trip of the mock
// monitor, the stack trace the SDK parses for every resource, the Outputs of resource
// properties the program never reads, and every registration going on at once.
import * as pulumi from "@pulumi/pulumi";

import { useLazyResourceOutputs } from "./lazyOutputs";
import { usePlainSerialization } from "./plainSerialization";
import { usePlainStructs } from "./plainStructs";
import { skipPromiseStackTraces, skipPromiseWrappers } from "./promiseStacks";
import { useRegistrationWaves } from "./registrationWaves";
import { shortcutsEnabled } from "./shortcuts";

/**
 * Installs the shortcuts for one evaluation; the returned function ends the one that must
 * not outlive it (plain Structs). With the switch off, only the promises' traces are skipped.
 */
export function installEngineShortcuts(): () => void {
    if (!shortcutsEnabled()) {
        skipPromiseStackTraces();
        return () => undefined;
    }
    skipPromiseWrappers();
    skipResourceCallsites();
    skipRegistrationErrorStacks();
    shortcutEmptyDependencies();
    useLazyResourceOutputs();
    useRegistrationWaves();
    const endStructs = usePlainStructs();
    const endSerialization = usePlainSerialization();
    return () => {
        endSerialization();
        endStructs();
    };
}

/**
 * Resource's constructor parses `new Error().stack` at unlimited depth for every resource
 * (@pulumi/pulumi 3.270.0 resource.js:284 and :313-348) to send the engine a source position
 * and stack trace (runtime/resource.js:525); the mock monitor never reads them.
 */
function skipResourceCallsites(): void {
    (pulumi.Resource as unknown as { callsites: () => unknown[] }).callsites = () => [];
}

let registrationWrapped = false;

/**
 * registerResource preallocates an Error for every resource (@pulumi/pulumi 3.270.0
 * runtime/resource.js:413), capturing a stack trace, so that a failed RPC points at the
 * program (:576-580); the plan reports a failed registration by its message. The trace is
 * not captured during the synchronous part of the call (the Error, the Outputs, the property
 * transfer); messages stay as they are.
 */
function skipRegistrationErrorStacks(): void {
    if (registrationWrapped) {
        return;
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK's internal module, which has no typings
    const runtime = require("@pulumi/pulumi/runtime/resource") as { registerResource: (...args: unknown[]) => void };
    const registerResource = runtime.registerResource;
    runtime.registerResource = (...args: unknown[]) => {
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
            registerResource(...args);
        } finally {
            Error.stackTraceLimit = limit;
        }
    };
    registrationWrapped = true;
}

let dependenciesWrapped = false;

/**
 * prepareResource asks for the URNs its dependencies reach once for the explicit ones and
 * once for each input property (@pulumi/pulumi 3.270.0 runtime/resource.js:828-835), nearly
 * always with none: the SDK's answer for none, an empty Set, takes several promise turns
 * through getAllTransitivelyReferencedResources (runtime/dependsOn.js:84-101). It is given
 * at once; any other set goes to the SDK.
 */
function shortcutEmptyDependencies(): void {
    if (dependenciesWrapped) {
        return;
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK's internal module, which has no typings
    const dependsOn = require("@pulumi/pulumi/runtime/dependsOn") as {
        getAllTransitivelyReferencedResourceURNs: (resources: unknown, exclude: Set<unknown>) => Promise<Set<string>>;
    };
    const urnsOf = dependsOn.getAllTransitivelyReferencedResourceURNs;
    dependsOn.getAllTransitivelyReferencedResourceURNs = async (resources, exclude) =>
        resources instanceof Set && resources.size === 0 ? new Set<string>() : urnsOf(resources, exclude);
    dependenciesWrapped = true;
}
