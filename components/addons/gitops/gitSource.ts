// The Git source Flux reconciles: a GitRepository and, for private repositories, the
// Secret with the credentials it references. Flux expects the keys `identity` and
// `known_hosts` for SSH, `username` and `password` for HTTPS basic auth.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import { prefixedChild } from "../../childNames";
import { SKIP_AWAIT_ANNOTATIONS } from "./awaitPolicy";
import type { GitCredentialsConfig, GitRepositoryConfig } from "./config";

export const GIT_SOURCE_NAME = "platform";
export const GIT_CREDENTIALS_SECRET = "platform-git-credentials";
/** Holds the trusted OpenPGP keys; source-controller reads every value of it as a key ring (v1.8.2 internal/controller/gitrepository_controller.go:1095-1112). */
export const GIT_VERIFY_SECRET = "platform-git-verify";

/** The credentials Secret's data, from secret config values (Pulumi secrets) by config key. */
export function gitCredentialsData(
    credentials: GitCredentialsConfig,
    secrets: Readonly<Record<string, pulumi.Output<string>>>,
): Record<string, pulumi.Input<string>> {
    const value = (key: string) => {
        const secret = secrets[key];
        if (!secret) {
            // Config validation requires these keys while GitOps is enabled.
            throw new Error(`secret config key '${key}' is not set`);
        }
        return secret;
    };
    return credentials.type === "ssh"
        ? { identity: value(credentials.identitySecret), known_hosts: value(credentials.knownHostsSecret) }
        : { username: credentials.username, password: value(credentials.passwordSecret) };
}

export function gitRepositorySpec(repo: GitRepositoryConfig): Record<string, unknown> {
    return {
        url: repo.url,
        ref: { branch: repo.branch },
        interval: repo.interval,
        timeout: repo.timeout,
        ...(repo.credentials ? { secretRef: { name: GIT_CREDENTIALS_SECRET } } : {}),
        // HEAD: the branch's head commit must carry a valid signature of a trusted key before anything is applied.
        ...(repo.verify ? { verify: { mode: "HEAD", secretRef: { name: GIT_VERIFY_SECRET } } } : {}),
    };
}

export interface GitSourceArgs {
    /** The `gitops.repository` config: URL, branch, fetch interval and timeout, credentials' secret keys, signature keys. */
    repository: GitRepositoryConfig;
    /** The Flux namespace: the GitRepository and its Secrets go there. */
    namespace: string;
    /** Labels of the GitRepository and its Secrets. */
    labels: Record<string, string>;
    /** Secret config values (Pulumi secrets) by key; the credentials' keys must be among them. */
    secrets: Readonly<Record<string, pulumi.Output<string>>>;
    /** The cluster's Kubernetes provider. */
    provider: k8s.Provider;
    /** The Flux release (it installs the GitRepository CRD) and the namespace. */
    dependsOn: pulumi.Input<pulumi.Resource>[];
}

/** The source and its credentials; Pulumi names start with `prefix` (the component's name). */
export function gitSource(prefix: string, args: GitSourceArgs, opts: { parent: pulumi.Resource }): k8s.apiextensions.CustomResource {
    const { repository, namespace, labels, provider } = args;
    const secretName = prefixedChild(prefix, GIT_CREDENTIALS_SECRET);
    const verifyKeys = repository.verify
        ? new k8s.core.v1.Secret(
              `${prefix}-${GIT_VERIFY_SECRET}`,
              { metadata: { name: GIT_VERIFY_SECRET, namespace, labels }, type: "Opaque", stringData: { "trusted.asc": repository.verify.publicKeys } },
              { ...opts, provider, dependsOn: args.dependsOn },
          )
        : undefined;
    const sourceName = prefixedChild(prefix, GIT_SOURCE_NAME);
    const credentials = repository.credentials
        ? new k8s.core.v1.Secret(
              secretName.name,
              {
                  metadata: { name: GIT_CREDENTIALS_SECRET, namespace, labels },
                  type: "Opaque",
                  stringData: pulumi.secret(gitCredentialsData(repository.credentials, args.secrets)),
              },
              { ...opts, provider, dependsOn: args.dependsOn, aliases: secretName.aliases },
          )
        : undefined;
    return new k8s.apiextensions.CustomResource(
        sourceName.name,
        {
            apiVersion: "source.toolkit.fluxcd.io/v1",
            kind: "GitRepository",
            metadata: { name: GIT_SOURCE_NAME, namespace, labels, annotations: { ...SKIP_AWAIT_ANNOTATIONS } },
            spec: gitRepositorySpec(repository),
        },
        {
            ...opts,
            provider,
            dependsOn: [...args.dependsOn, ...(credentials ? [credentials] : []), ...(verifyKeys ? [verifyKeys] : [])],
            aliases: sourceName.aliases,
        },
    );
}
