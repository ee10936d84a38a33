// Values the default stack files ship as placeholders: RFC 2606 example domains (and e-mail
// addresses under them) and the AWS documentation's `...EXAMPLE` identifiers. A stack that
// still holds one would ask for certificates and DNS records of a domain nobody owns.

const EXAMPLE_DOMAIN = /(^|[.@])example\.(com|org|net)$/i;
const EXAMPLE_ID = /EXAMPLE$/;

/** Whether a config string is a placeholder left from the template. */
export function isPlaceholder(value: string): boolean {
    return EXAMPLE_DOMAIN.test(value) || EXAMPLE_ID.test(value);
}

/** The key path and value of every placeholder string in the settings, e.g. `gateway.domain`. */
export function placeholders(value: unknown, path = ""): { path: string; value: string }[] {
    if (typeof value === "string") {
        return isPlaceholder(value) ? [{ path, value }] : [];
    }
    if (Array.isArray(value)) {
        return value.flatMap((item, index) => placeholders(item, `${path}[${index}]`));
    }
    if (value !== null && typeof value === "object") {
        return Object.entries(value).flatMap(([key, item]) => placeholders(item, path ? `${path}.${key}` : key));
    }
    return [];
}
