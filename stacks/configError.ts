// One error for the whole config: every offending key path with its reason.

export interface ConfigProblem {
    /** Key path inside the project's config, e.g. `apps[0].replicas.min`. */
    key: string;
    message: string;
}

export class ConfigError extends Error {
    constructor(
        readonly stack: string,
        readonly problems: ConfigProblem[],
    ) {
        super(
            `Invalid config for stack '${stack}' (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
                problems.map((problem) => `  - ${problem.key}: ${problem.message}`).join("\n"),
        );
        this.name = "ConfigError";
    }
}

/** Formats a path of keys and list indexes as the user writes it in YAML terms: `apps[0].replicas.min`. */
export function formatKeyPath(path: readonly PropertyKey[]): string {
    return path.map((part, index) => (typeof part === "number" ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`)).join("");
}
