// Finds the objects whose label selector selects a set of labels without testing every
// selector: a selector with matchLabels selects only labels holding its first pair, so it is
// filed under that pair; the others (matchExpressions only, or empty) are candidates always.
// Every candidate is then tested with selectorMatches, so the index never changes an answer.
import { selectorMatches } from "./labelSelectors";
import { asRecord } from "./objects";

export interface SelectorIndex<T> {
    /** The items whose selector selects these labels. */
    selecting(labels: Record<string, unknown>): T[];
}

const pairKey = (key: string, value: unknown) => JSON.stringify([key, value]);

export function selectorIndex<T>(items: readonly T[], selectorOf: (item: T) => unknown): SelectorIndex<T> {
    const byPair = new Map<string, T[]>();
    const always: T[] = [];
    for (const item of items) {
        const selector = selectorOf(item);
        if (selector === undefined || selector === null) {
            continue; // a missing selector selects nothing
        }
        const [first] = Object.entries(asRecord(asRecord(selector).matchLabels));
        if (first) {
            const key = pairKey(first[0], first[1]);
            byPair.set(key, [...(byPair.get(key) ?? []), item]);
        } else {
            always.push(item);
        }
    }
    return {
        selecting(labels) {
            const candidates = [...always, ...Object.entries(labels).flatMap(([key, value]) => byPair.get(pairKey(key, value)) ?? [])];
            return candidates.filter((item) => selectorMatches(selectorOf(item), labels));
        },
    };
}
