// Container image references ([registry/]repository[:tag][@digest]), following the
// grammar of the distribution reference library that container runtimes use.

const COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const HOST = "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::\\d+)?/)?";
const REFERENCE = new RegExp(`^(?<repository>${HOST}${COMPONENT}(?:/${COMPONENT})*)(?::(?<tag>[\\w][\\w.-]{0,127}))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$`);

export interface ImageReference {
    repository: string;
    tag?: string;
    digest?: string;
}

export function parseImageReference(text: string): ImageReference | undefined {
    const groups = REFERENCE.exec(text)?.groups;
    return groups ? { repository: groups.repository, tag: groups.tag, digest: groups.digest } : undefined;
}

/** Why an image reference cannot be deployed reproducibly, or undefined when it can. */
export function imageReferenceProblem(text: string): string | undefined {
    const ref = parseImageReference(text);
    if (!ref) {
        return `'${text}' is not a valid image reference`;
    }
    if (!ref.tag && !ref.digest) {
        return `'${text}' has neither a tag nor a digest; pin it, e.g. '${text}:1.2.3' or '${text}@sha256:…'`;
    }
    if (ref.tag === "latest" && !ref.digest) {
        return `'${text}' uses the 'latest' tag, which is not reproducible; pin a version tag or a digest`;
    }
    return undefined;
}

/** The same grammar as one pattern without named groups, which RE2 (CEL's `matches`, e.g. in admission policies) reads as JavaScript does. */
export const IMAGE_REFERENCE_PATTERN = `^${HOST}${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`;

export const TAG_PATTERN = /^[\w][\w.-]{0,127}$/;
export const DIGEST_PATTERN = /^sha256:[a-f0-9]{64}$/;
