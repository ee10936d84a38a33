// Schema of the GitOps section: Flux controllers (on by default) and the Git source they
// reconcile, once `repository` names one.
// Credentials are secret config keys (never values); what they may hold depends on the
// URL's scheme, which the checks below enforce key by key.
import * as v from "valibot";

import { crossCheck, object, PathIssue, variant, withDefault } from "../../../stacks/schema/base";
import { dnsLabel, secretConfigKey } from "../../../stacks/schema/primitives";
import { gitUrlProblem, isPlaceholderGitUrl, parseGitUrl } from "./gitUrl";

/** Durations as Flux's CRDs accept them (no days: 24h, not 1d). */
export const fluxDuration = v.pipe(
    v.string(),
    v.regex(/^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/, "must be a duration such as 30s, 5m or 1h (Flux accepts ms, s, m and h)"),
);

/** GitRepository spec.timeout accepts no hours. */
const gitTimeout = v.pipe(v.string(), v.regex(/^([0-9]+(\.[0-9]+)?(ms|s|m))+$/, "must be a duration such as 60s or 2m (ms, s and m)"));

const branch = v.pipe(
    v.string(),
    v.regex(/^(?!-)(?!.*\.\.)[A-Za-z0-9._/-]+$/, "must be a branch name such as main or release/1.x"),
    v.check((name) => !name.endsWith("/") && !name.endsWith(".lock"), "must be a branch name such as main or release/1.x"),
);

/** A path inside the repository, relative to its root, as Flux's Kustomization spec.path takes it. */
const repositoryPath = v.pipe(
    v.string(),
    v.regex(/^(\.\/)?[A-Za-z0-9._/-]*$/, "must be a relative path inside the repository such as ./gitops/clusters/dev"),
    v.check((path) => !path.split("/").includes(".."), "must stay inside the repository (no '..')"),
);

const sshCredentials = v.strictObject({
    type: v.literal("ssh"),
    /** Secret config key holding the private key (OpenSSH or PEM) of a deploy key. */
    identitySecret: secretConfigKey,
    /** Secret config key holding the known_hosts line(s) of the Git host, e.g. from `ssh-keyscan github.com`. */
    knownHostsSecret: secretConfigKey,
});

const httpsCredentials = v.strictObject({
    type: v.literal("https"),
    /** User name for basic auth; GitHub accepts any non-empty name with a token, GitLab expects `oauth2` for tokens. */
    username: withDefault(v.pipe(v.string(), v.minLength(1, "must not be empty")), "git"),
    /** Secret config key holding the password or access token. */
    passwordSecret: secretConfigKey,
});

const credentials = variant("type", [sshCredentials, httpsCredentials], "must have a type of 'ssh' or 'https'");

const repository = object({
    url: v.string(),
    branch: withDefault(branch, "main"),
    /** How often Flux fetches the branch. */
    interval: withDefault(fluxDuration, "1m"),
    /** Timeout of one Git operation. */
    timeout: withDefault(gitTimeout, "60s"),
    credentials: v.optional(credentials),
    /** Verify the OpenPGP signature of the branch's HEAD commit against these keys before applying it. */
    verify: v.optional(
        object({
            /** ASCII-armored OpenPGP public keys of the trusted committers (`gpg --export --armor <id>`); public, not secret. */
            publicKeys: v.pipe(
                v.string(),
                v.regex(
                    /-----BEGIN PGP PUBLIC KEY BLOCK-----[\s\S]+-----END PGP PUBLIC KEY BLOCK-----/,
                    "must hold ASCII-armored OpenPGP public keys (gpg --export --armor <key id>): Flux verifies commit signatures with OpenPGP keys only",
                ),
            ),
        }),
    ),
});

const kustomization = object({
    /** Path Flux applies (default: ./gitops/clusters/<environment>). */
    path: v.optional(repositoryPath),
    /** How often Flux re-applies the path, correcting drift. */
    interval: withDefault(fluxDuration, "10m"),
    /** Retry interval after a failed apply. */
    retryInterval: withDefault(fluxDuration, "2m"),
    /** Limit of one apply including health checks. */
    timeout: withDefault(fluxDuration, "5m"),
    /** Delete objects that were removed from the repository. */
    prune: withDefault(v.boolean(), true),
    /** Wait for every applied object to become ready before reporting the apply as successful. */
    wait: withDefault(v.boolean(), true),
    /**
     * The namespaces the GitOps tree owns: the platform creates them (restricted, like the apps')
     * and Flux may write there only, as a service account bound in each of them.
     */
    namespaces: withDefault(v.pipe(v.array(dnsLabel), v.minLength(1, "must name at least one namespace the GitOps tree writes to")), ["helloworld"]),
});

export const gitops = v.pipe(
    object({
        /** Install the Flux controllers; they sync the repository once one is named. */
        enabled: withDefault(v.boolean(), true),
        repository: v.optional(repository),
        kustomization: withDefault(kustomization, {}),
    }),
    crossCheck((config): PathIssue[] => repositoryIssues(config.repository)),
);

export type GitopsConfig = v.InferOutput<typeof gitops>;
export type GitRepositoryConfig = v.InferOutput<typeof repository>;
export type GitCredentialsConfig = v.InferOutput<typeof credentials>;

function repositoryIssues(repo: GitRepositoryConfig | undefined): PathIssue[] {
    if (!repo) {
        return [];
    }
    const urlProblem = gitUrlProblem(repo.url);
    if (urlProblem) {
        return [{ path: ["repository", "url"], message: urlProblem }];
    }
    if (isPlaceholderGitUrl(repo.url)) {
        return [
            {
                path: ["repository", "url"],
                message: `'${repo.url}' is a placeholder; set it to the repository that holds the gitops/ tree, or leave repository out until there is one`,
            },
        ];
    }
    return credentialIssues(repo);
}

function credentialIssues(repo: GitRepositoryConfig): PathIssue[] {
    // repositoryIssues checked that the URL parses.
    const scheme = parseGitUrl(repo.url)?.scheme;
    const type = repo.credentials?.type;
    const at = ["repository", "credentials", "type"];
    if (scheme === "ssh" && type !== "ssh") {
        return type === undefined
            ? [{ path: ["repository", "credentials"], message: `are required for an ssh:// URL: type 'ssh' with identitySecret and knownHostsSecret` }]
            : [{ path: at, message: `is '${type}' but repository.url is an ssh:// URL; use type 'ssh' (identitySecret, knownHostsSecret) or an https:// URL` }];
    }
    if (scheme !== "ssh" && type === "ssh") {
        return [{ path: at, message: `is 'ssh' but repository.url is an ${scheme}:// URL; use type 'https' (username, passwordSecret) or an ssh:// URL` }];
    }
    return [];
}
