// Kubernetes resource quantities (k8s.io/apimachinery resource.Quantity), parsed to
// numbers so requests can be compared with limits before anything reaches a cluster.

const QUANTITY = /^(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const SUFFIX_FACTORS: Record<string, number> = {
    "": 1,
    n: 1e-9,
    u: 1e-6,
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    P: 1e15,
    E: 1e18,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    Pi: 2 ** 50,
    Ei: 2 ** 60,
};

/** Parses a non-negative quantity such as `250m`, `0.5`, `512Mi` or `1e3`; undefined if Kubernetes would reject it. */
export function parseQuantity(text: string): number | undefined {
    const match = QUANTITY.exec(text);
    if (!match) {
        return undefined;
    }
    const [, digits, suffix = ""] = match;
    // An exponent is e/E with digits; E and Ei alone are the exa suffixes (1E = 10^18, 1Ei = 2^60).
    const factor = /^[eE][+-]?\d+$/.test(suffix) ? 10 ** Number(suffix.slice(1)) : SUFFIX_FACTORS[suffix];
    return Number(digits) * factor;
}

export const CPU_HINT = "a CPU quantity such as 250m, 0.5 or 2";
export const MEMORY_HINT = "a memory quantity such as 256Mi, 1Gi or 500M";
