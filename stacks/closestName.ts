// Suggests the field a typo most likely meant.

/** The candidate within a small edit distance of the name, else the one candidate the name begins (cidr: cidrBlock). */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
    return nearestByEdits(name, candidates) ?? onlyExtensionOf(name, candidates);
}

function onlyExtensionOf(name: string, candidates: readonly string[]): string | undefined {
    const extensions = name.length < 3 ? [] : candidates.filter((candidate) => candidate.toLowerCase().startsWith(name.toLowerCase()));
    return extensions.length === 1 ? extensions[0] : undefined;
}

function nearestByEdits(name: string, candidates: readonly string[]): string | undefined {
    const limit = Math.max(1, Math.floor(name.length / 3));
    let best: { candidate: string; distance: number } | undefined;
    for (const candidate of candidates) {
        const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
        if (distance <= limit && (!best || distance < best.distance)) {
            best = { candidate, distance };
        }
    }
    return best?.candidate;
}

/** Levenshtein distance. */
function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}
