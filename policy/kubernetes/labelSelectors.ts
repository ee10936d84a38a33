// Label selectors (metav1.LabelSelector) as the API server evaluates them.
import { asArray, asRecord } from "./objects";

/** Whether a selector selects an object with these labels. A missing selector selects nothing; an empty one selects everything. */
export function selectorMatches(selector: unknown, labels: Record<string, unknown>): boolean {
    if (selector === undefined || selector === null) {
        return false;
    }
    const { matchLabels, matchExpressions } = asRecord(selector);
    const labelsMatch = Object.entries(asRecord(matchLabels)).every(([key, value]) => labels[key] === value);
    return labelsMatch && asArray(matchExpressions).every((expression) => expressionMatches(asRecord(expression), labels));
}

function expressionMatches(expression: Record<string, unknown>, labels: Record<string, unknown>): boolean {
    const key = String(expression.key);
    const values = asArray(expression.values);
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (expression.operator) {
        case "In":
            return has && values.includes(labels[key]);
        case "NotIn":
            return !has || !values.includes(labels[key]);
        case "Exists":
            return has;
        case "DoesNotExist":
            return !has;
        default:
            return false;
    }
}
