// The capabilities deployed add-ons have provided so far, handed to the next add-on and
// to the workloads by name, with their types from capabilityTypes.ts.
import type { CapabilityName, CapabilityTypes } from "./capabilityTypes";
import type { CapabilityLookup } from "./contract";

export class Capabilities implements CapabilityLookup {
    private readonly provided = new Map<CapabilityName, unknown>();

    /** Records what an add-on's deploy returned. */
    add(capabilities: Partial<CapabilityTypes>): void {
        for (const [name, value] of Object.entries(capabilities)) {
            this.provided.set(name as CapabilityName, value);
        }
    }

    get<K extends CapabilityName>(name: K): CapabilityTypes[K] | undefined {
        return this.provided.get(name) as CapabilityTypes[K] | undefined;
    }

    require<K extends CapabilityName>(name: K): CapabilityTypes[K] {
        if (!this.provided.has(name)) {
            // The add-on plan reports a missing required capability as a config problem first: this is a bug in a declaration.
            throw new Error(`the capability '${name}' is required but no add-on deployed so far provides it; declare it in the consumer's requires`);
        }
        return this.provided.get(name) as CapabilityTypes[K];
    }
}
