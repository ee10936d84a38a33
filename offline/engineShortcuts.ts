// What the offline plan skips because only a real engine uses it (see shortcuts.ts for the
// switch): the runtime's per-promise debug wrappers, the protobuf round trip of the mock
// monitor, and the stack trace the SDK parses for every resource.
import * as pulumi from "@pulumi/pulumi";
import { usePlainSerialization } from "./plainSerialization";
import { usePlainStructs } from "./plainStructs";
import { skipPromiseStackTraces, skipPromiseWrappers } from "./promiseStacks";
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
