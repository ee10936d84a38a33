// Values a plan cannot know before `up` (a bucket's name, a role's ARN) are the SDK's
// Unknown markers; the tier renders and applies them as a placeholder string, which is
// what most of them are (names, ARNs, hosts).
import { mapChildren } from "../../../offline/secretValues";

export const UNKNOWN_PLACEHOLDER = "unknown-until-up";

const isUnknown = (value: unknown) => value !== null && typeof value === "object" && (value as { __pulumiUnknown?: boolean }).__pulumiUnknown === true;

export function withPlaceholders<T>(value: T): T {
    return (isUnknown(value) ? UNKNOWN_PLACEHOLDER : mapChildren(value, withPlaceholders)) as T;
}
