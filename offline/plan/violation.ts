// A problem the plan found: which check, which object, and what is wrong where.

export interface Violation {
    /** `schema` for upstream schema checks, otherwise the policy rule's name. */
    check: string;
    /** The object: `Kind/namespace/name`, or `type::name` for other resources. */
    object: string;
    /** What is wrong, starting with the field path where there is one. */
    message: string;
}

export const SCHEMA_CHECK = "schema";
