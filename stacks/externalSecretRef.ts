// An app's reference to a secret in AWS Secrets Manager: `<secret name>[, <property>]`, the
// secret's name and, for a secret holding JSON, the key whose value the variable gets.
// Secrets Manager names take 1-512 characters of letters, digits and /_+=.@-, so a comma
// never belongs to a name.

export interface ExternalSecretRef {
    key: string;
    property?: string;
}

const NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;

export function parseExternalSecretRef(text: string): ExternalSecretRef {
    const [key, ...rest] = text.split(",");
    const property = rest.join(",").trim();
    return { key: key.trim(), ...(property ? { property } : {}) };
}

/** Why the text is not a reference, or undefined when it is one. */
export function externalSecretRefProblem(text: string): string | undefined {
    const parts = text.split(",");
    if (parts.length > 2) {
        return `'${text}' is not '<secret name>[, <property>]': only one comma separates the name from the property`;
    }
    const ref = parseExternalSecretRef(text);
    if (!NAME.test(ref.key)) {
        return `'${ref.key}' is not a Secrets Manager secret name (1-512 letters, digits and /_+=.@-)`;
    }
    if (parts.length === 2 && !ref.property) {
        return `'${text}' names no property after the comma`;
    }
    return undefined;
}
