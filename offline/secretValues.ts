// Secret values in recorded inputs keep the Pulumi wire marker
// ({ <specialSigKey>: <specialSecretSig>, value }); these helpers detect and redact them.
import * as pulumi from "@pulumi/pulumi";

import { holdsNoSdkMarkers } from "./plainStructs";

export const REDACTED = "[secret]";

// Read once: every value of every recorded input is tested.
const SIG_KEY = pulumi.runtime.specialSigKey;
const SECRET_SIG = pulumi.runtime.specialSecretSig;

export function isSecretMarker(value: unknown): value is { value: unknown } {
    return value !== null && typeof value === "object" && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

/**
 * The value with every secret value replaced by "[secret]": arrays and objects that hold a
 * secret are copied, the others (most of a plan's inputs) are returned as they are.
 */
export function redactSecrets(value: unknown): unknown {
    return holdsNoSdkMarkers(value) ? value : redactMarkers(value);
}

function redactMarkers(value: unknown): unknown {
    return isSecretMarker(value) ? REDACTED : mapChangedChildren(value, redactMarkers);
}

/** A deep copy with secret markers unwrapped, for assertions on the values underneath. */
export function revealSecrets(value: unknown): unknown {
    return isSecretMarker(value) ? revealSecrets(value.value) : mapChildren(value, revealSecrets);
}

/**
 * Like redactSecrets, but a secret object or list keeps its shape and only its scalar
 * leaves become "[secret]": a Secret's `stringData` (which the Kubernetes SDK marks
 * secret as a whole) stays a map of keys to placeholders, as a manifest needs. What holds
 * no secret is returned as it is, as by redactSecrets.
 */
export function redactSecretLeaves(value: unknown): unknown {
    return holdsNoSdkMarkers(value) ? value : maskMarkedLeaves(value);
}

function maskMarkedLeaves(value: unknown): unknown {
    return isSecretMarker(value) ? maskLeaves(value.value) : mapChangedChildren(value, maskMarkedLeaves);
}

function maskLeaves(value: unknown): unknown {
    if (isSecretMarker(value)) {
        return maskLeaves(value.value);
    }
    if (value === null || value === undefined || typeof value === "object") {
        return mapChildren(value, maskLeaves);
    }
    return REDACTED;
}

/** A copy of an array or object with `map` applied to each child; any other value as it is. */
export function mapChildren(value: unknown, map: (item: unknown) => unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(map);
    }
    if (value !== null && typeof value === "object") {
        // A loop rather than fromEntries(entries().map()): this copies every input of the plan twice.
        const copy: Record<string, unknown> = {};
        for (const key of Object.keys(value)) {
            const item = map((value as Record<string, unknown>)[key]);
            if (key === "__proto__") {
                Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
            } else {
                copy[key] = item;
            }
        }
        return copy;
    }
    return value;
}

/**
 * Like mapChildren, but the value itself when `map` returns every child as it is: the plan
 * redacts every input twice, and copying what holds no secret only fed the garbage collector.
 */
function mapChangedChildren(value: unknown, map: (item: unknown) => unknown): unknown {
    if (value === null || typeof value !== "object") {
        return value;
    }
    if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index++) {
            if (map(value[index]) !== value[index]) {
                return value.map(map);
            }
        }
        return value;
    }
    for (const key of Object.keys(value)) {
        const item = (value as Record<string, unknown>)[key];
        if (map(item) !== item) {
            return mapChildren(value, map);
        }
    }
    return value;
}
