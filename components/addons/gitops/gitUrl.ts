// Git repository URLs as Flux's GitRepository accepts them: http(s):// or ssh:// (its
// CRD rejects scp-style `git@host:org/repo` addresses), plus the placeholder the stack
// files ship with, which must be replaced before GitOps is enabled.

export type GitUrlScheme = "https" | "http" | "ssh";

export interface GitUrl {
    scheme: GitUrlScheme;
    host: string;
    /** A user name or password in the URL; ssh://git@host is an SSH user, not a credential. */
    carriesCredentials: boolean;
}

/** Hosts reserved for documentation (RFC 2606); a URL on one of them is a placeholder. */
const PLACEHOLDER_HOSTS = /(^|\.)example\.(com|org|net)$/;

const SCP_STYLE = /^(?<user>[\w.-]+)@(?<host>[\w.-]+):(?!\/\/)(?<path>.+)$/;

export function parseGitUrl(text: string): GitUrl | undefined {
    let url: URL;
    try {
        url = new URL(text);
    } catch {
        return undefined;
    }
    const scheme = url.protocol.replace(/:$/, "");
    if (scheme !== "https" && scheme !== "http" && scheme !== "ssh") {
        return undefined;
    }
    const carriesCredentials = url.password !== "" || (scheme !== "ssh" && url.username !== "");
    return url.hostname ? { scheme, host: url.hostname, carriesCredentials } : undefined;
}

/** Why Flux could not use this URL, or undefined when it can. */
export function gitUrlProblem(text: string): string | undefined {
    const scp = SCP_STYLE.exec(text)?.groups;
    if (scp) {
        return `'${text}' is an scp-style address, which Flux does not accept; write it as ssh://${scp.user}@${scp.host}/${scp.path}`;
    }
    if (!parseGitUrl(text)) {
        return `'${text}' is not a Git URL Flux accepts: use https://, http:// or ssh://, e.g. https://github.com/org/repo`;
    }
    if (/\s/.test(text)) {
        return `'${text}' contains whitespace`;
    }
    if (parseGitUrl(text)!.carriesCredentials) {
        // Never echo the URL: it holds the secret.
        return "carries credentials (user:token@); the token would land in the state, in the GitRepository and in the stack outputs. Put them in secret config instead: gitops.repository.credentials (see docs/gitops.md)";
    }
    return undefined;
}

export function isPlaceholderGitUrl(text: string): boolean {
    const url = parseGitUrl(text);
    return url !== undefined && PLACEHOLDER_HOSTS.test(url.host);
}
