import * as assert from "node:assert/strict";

import { gitUrlProblem, isPlaceholderGitUrl } from "../components/addons/gitops/gitUrl";
import { isSecretMarker, revealSecrets } from "../offline/secretValues";
import { parseStackConfig } from "../stacks/parse";
import { assertProblem, problemsOf } from "./harness/configProblems";
import { schemaProblems } from "./harness/crdSchema";
import { evaluateConfig, evaluateStackFile, Resources } from "./harness/evaluateStack";
import { validValues } from "./harness/fixtures";
import { crdSchema, expectedInstall, installedChart, referenceChart, skipWithoutReference } from "./harness/reference";
import { T } from "./harness/resourceTypes";

const FLUX = `${T.release}::gitops-flux`;
const APPLIER = [
    "kubernetes:core/v1:ServiceAccount::gitops-applier",
    "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole::gitops-applier",
    "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding::gitops-applier-helloworld",
];
const HTTPS_URL = "https://github.com/acme/platform.git";

function withGitops(gitops: Record<string, unknown>, secrets: Record<string, string> = {}) {
    const values = validValues();
    values.gitops = gitops;
    Object.assign(values, secrets);
    return values;
}

function rejects(values: Record<string, unknown>, key: string, reason: RegExp) {
    assertProblem(problemsOf(values), key, reason);
}

describe("GitOps config", () => {
    it("is on by default, with no repository until the stack names one", () => {
        const { gitops } = parseStackConfig({ stack: "test", values: validValues() }).settings;
        assert.deepEqual([gitops.enabled, gitops.repository], [true, undefined]);
        assert.ok(isPlaceholderGitUrl("https://git.example.com/your-org/k8s-app-platform.git"));
        assert.ok(!isPlaceholderGitUrl(HTTPS_URL));
    });

    it("fills defaults: branch main, 1m fetch, 10m apply with prune and wait", () => {
        const settings = parseStackConfig({ stack: "test", values: withGitops({ enabled: true, repository: { url: HTTPS_URL } }) }).settings;
        assert.deepEqual(settings.gitops.repository, { url: HTTPS_URL, branch: "main", interval: "1m", timeout: "60s" });
        assert.deepEqual(settings.gitops.kustomization, {
            interval: "10m",
            retryInterval: "2m",
            timeout: "5m",
            prune: true,
            wait: true,
            namespaces: ["helloworld"],
        });
    });

    it("rejects a placeholder URL", () =>
        rejects(withGitops({ repository: { url: "https://git.example.com/your-org/k8s-app-platform.git" } }), "gitops.repository.url", /placeholder/));
    it("rejects an scp-style address and says how to write it", () =>
        rejects(
            withGitops({ repository: { url: "git@github.com:acme/platform.git" } }),
            "gitops.repository.url",
            /ssh:\/\/git@github\.com\/acme\/platform\.git/,
        ));
    it("rejects a URL scheme Flux does not fetch", () =>
        rejects(withGitops({ repository: { url: "ftp://host/repo" } }), "gitops.repository.url", /use https:\/\/ or ssh:\/\//));
    it("rejects an ssh URL with https credentials", () =>
        rejects(
            withGitops({ repository: { url: "ssh://git@github.com/acme/platform.git", credentials: { type: "https", passwordSecret: "gitToken" } } }),
            "gitops.repository.credentials.type",
            /is 'https' but repository.url is an ssh:\/\/ URL/,
        ));
    it("rejects an https URL with ssh credentials", () =>
        rejects(
            withGitops({ repository: { url: HTTPS_URL, credentials: { type: "ssh", identitySecret: "a", knownHostsSecret: "b" } } }),
            "gitops.repository.credentials.type",
            /is 'ssh' but repository.url is an https:\/\/ URL/,
        ));
    it("requires SSH credentials for an ssh URL", () =>
        rejects(
            withGitops({ repository: { url: "ssh://git@github.com/acme/platform.git" } }),
            "gitops.repository.credentials",
            /required for an ssh:\/\/ URL/,
        ));
    it("refuses to send credentials over plain http", () =>
        rejects(
            withGitops({ repository: { url: "http://git.internal/platform.git", credentials: { type: "https", passwordSecret: "t" } } }),
            "gitops.repository.url",
            /unencrypted/,
        ));
    it("rejects an unknown credentials type", () =>
        rejects(withGitops({ repository: { url: HTTPS_URL, credentials: { type: "token" } } }), "gitops.repository.credentials.type", /'ssh' or 'https'/));
    it("rejects credentials that refer to unset secret keys, naming each", () => {
        const values = withGitops({
            enabled: true,
            repository: {
                url: "ssh://git@github.com/acme/platform.git",
                credentials: { type: "ssh", identitySecret: "gitIdentity", knownHostsSecret: "gitKnownHosts" },
            },
        });
        const problems = problemsOf(values);
        assert.match(
            problems.get("gitops.repository.credentials.identitySecret")!,
            /secret config key 'gitIdentity', which is not set.*pulumi config set --secret gitIdentity/,
        );
        assert.match(problems.get("gitops.repository.credentials.knownHostsSecret")!, /'gitKnownHosts', which is not set/);
    });
    it("does not require credentials' secrets while GitOps is off, and keeps them known", () => {
        const values = withGitops(
            { enabled: false, repository: { url: HTTPS_URL, credentials: { type: "https", passwordSecret: "gitToken" } } },
            { gitToken: "t" },
        );
        assert.doesNotThrow(() => parseStackConfig({ stack: "test", values }));
        delete values.gitToken;
        assert.doesNotThrow(() => parseStackConfig({ stack: "test", values }));
    });
    it("rejects a day duration, which Flux does not parse", () =>
        rejects(
            withGitops({ repository: { url: HTTPS_URL }, kustomization: { interval: "1d" } }),
            "gitops.kustomization.interval",
            /Flux accepts ms, s, m and h/,
        ));
    it("rejects a path that leaves the repository", () =>
        rejects(withGitops({ repository: { url: HTTPS_URL }, kustomization: { path: "../other" } }), "gitops.kustomization.path", /inside the repository/));
    it("rejects a branch name Git would not accept", () =>
        rejects(withGitops({ repository: { url: HTTPS_URL, branch: "-x" } }), "gitops.repository.branch", /branch name/));
    it("rejects the Flux namespace when it is also the monitoring namespace", () => {
        const values = withGitops({ enabled: true, repository: { url: HTTPS_URL } });
        values.namespaces = { gitops: "monitoring" };
        rejects(values, "namespaces.gitops", /also the monitoring namespace/);
    });

    // Flux's CRD accepts http:// (source-controller v1.8.2 api/v1/gitrepository_types.go: ^(http|https|ssh)://.*$);
    // what it fetches is what the cluster runs, so the platform does not.
    it("refuses a plain http:// URL, with or without credentials", () => {
        rejects(
            withGitops({ repository: { url: "http://git.internal/platform.git" } }),
            "gitops.repository.url",
            /plain http:\/\/ URL.*use https:\/\/ or ssh:\/\//,
        );
        rejects(
            withGitops({ repository: { url: "http://git.internal/platform.git", credentials: { type: "https", passwordSecret: "t" } } }),
            "gitops.repository.url",
            /unencrypted/,
        );
    });
    it("refuses a token in the URL's query string like one in its user info, without echoing it", () => {
        const problems = problemsOf(withGitops({ repository: { url: "https://github.com/acme/platform.git?access_token=ghp_not_a_token" } }));
        assert.match(problems.get("gitops.repository.url")!, /carries a query string/);
        assert.doesNotMatch(problems.get("gitops.repository.url")!, /ghp_not_a_token/);
    });
    it("lets the tree own application namespaces only: not Kubernetes' own, nor an add-on's", () => {
        const owning = (namespaces: string[]) => withGitops({ repository: { url: HTTPS_URL }, kustomization: { namespaces } });
        rejects(owning(["helloworld", "kube-system"]), "gitops.kustomization.namespaces[1]", /belongs to Kubernetes itself/);
        rejects(owning(["default"]), "gitops.kustomization.namespaces[0]", /belongs to Kubernetes itself/);
        rejects(owning(["monitoring"]), "gitops.kustomization.namespaces[0]", /is the monitoring namespace \(namespaces\.monitoring\)/);
        rejects(owning(["flux-system"]), "gitops.kustomization.namespaces[0]", /is the gitops namespace/);
        assert.doesNotThrow(() => parseStackConfig({ stack: "test", values: owning(["apps", "shop"]) }));
    });
    it("verifies commit signatures only with OpenPGP keys, which is all source-controller reads", () =>
        rejects(
            withGitops({ repository: { url: HTTPS_URL, verify: { publicKeys: "ssh-ed25519 AAAAC3Nza" } } }),
            "gitops.repository.verify.publicKeys",
            /OpenPGP/,
        ));

    it("explains what is wrong with a Git URL", () => {
        assert.equal(gitUrlProblem("https://github.com/acme/platform"), undefined);
        assert.equal(gitUrlProblem("ssh://git@github.com/acme/platform.git"), undefined);
        assert.match(gitUrlProblem("github.com/acme/platform")!, /not a Git URL Flux accepts/);
    });
});

describe("GitOps with Flux", () => {
    let https: Resources;
    before(async () => {
        https = await evaluateConfig(
            withGitops({
                enabled: true,
                repository: { url: HTTPS_URL, branch: "release", credentials: { type: "https", username: "ci-bot", passwordSecret: "gitToken" } },
            }),
            { gitToken: "ghp-not-a-real-token" },
        );
    });

    it("installs the Flux controllers in the gitops namespace it waits for, from the flux2 chart as the reference pins it", function () {
        const flux = https.get(T.release, "gitops-flux");
        const inputs = flux.inputs as any;
        assert.deepEqual({ name: inputs.name, atomic: inputs.atomic, timeout: inputs.timeout }, { name: "flux", atomic: true, timeout: 600 });
        // Which controllers the chart renders and that its PodMonitor selects them is checked in chartRender.test.ts.
        assert.deepEqual(flux.dependsOn, [`${T.namespace}::flux-system`, `${T.release}::monitoring-kube-prometheus-stack`]);
        assert.equal((https.get(T.namespace, "flux-system").inputs.metadata as any).name, inputs.namespace);
        assert.equal(flux.provider, "pulumi:providers:kubernetes::cluster");
        const flux2 = referenceChart("flux2");
        if (!flux2) {
            skipWithoutReference(this);
        }
        assert.deepEqual(installedChart(inputs), expectedInstall(flux2));
    });

    it("runs the Flux namespace under the restricted Pod Security Standard", () => {
        const labels = (https.get(T.namespace, "flux-system").inputs.metadata as any).labels;
        assert.equal(labels["pod-security.kubernetes.io/enforce"], "restricted");
    });

    it("points a GitRepository at the repository and branch, with the credentials Secret, after the Flux release", () => {
        const source = https.get(T.gitRepository, "gitops-platform");
        const inputs = source.inputs as any;
        assert.equal(inputs.apiVersion, "source.toolkit.fluxcd.io/v1");
        assert.equal(inputs.metadata.namespace, "flux-system");
        const credentials = https.get(T.secret, "gitops-platform-git-credentials").inputs as any;
        assert.deepEqual(inputs.spec, {
            url: HTTPS_URL,
            ref: { branch: "release" },
            interval: "1m",
            timeout: "60s",
            secretRef: { name: credentials.metadata.name },
        });
        assert.equal(credentials.metadata.namespace, inputs.metadata.namespace, "source-controller reads the Secret from the GitRepository's namespace");
        assert.deepEqual(source.dependsOn, [FLUX, `${T.secret}::gitops-platform-git-credentials`]);
        assert.equal(source.provider, "pulumi:providers:kubernetes::cluster");
    });

    it("keeps HTTPS credentials in a Secret with Flux's username and password keys", () => {
        const secret = https.get(T.secret, "gitops-platform-git-credentials").inputs as any;
        assert.ok(isSecretMarker(secret.stringData));
        assert.deepEqual(revealSecrets(secret.stringData), { username: "ci-bot", password: "ghp-not-a-real-token" });
        assert.equal(secret.metadata.namespace, "flux-system");
        for (const r of https.ofType(T.release)) {
            assert.ok(!JSON.stringify(r.inputs).includes("ghp-not-a-real-token"), r.name);
        }
    });

    it("applies the environment's path with a Kustomization that prunes, after the release and the source", () => {
        const kustomization = https.get(T.kustomization, "gitops-platform");
        const inputs = kustomization.inputs as any;
        assert.equal(inputs.apiVersion, "kustomize.toolkit.fluxcd.io/v1");
        assert.deepEqual(inputs.spec, {
            sourceRef: { kind: "GitRepository", name: "platform" },
            serviceAccountName: "platform-gitops-applier",
            path: "./gitops/clusters/test",
            interval: "10m",
            retryInterval: "2m",
            timeout: "5m",
            prune: true,
            wait: true,
        });
        assert.deepEqual(kustomization.dependsOn, [FLUX, `${T.gitRepository}::gitops-platform`, ...APPLIER]);
    });

    it("never waits for Flux to reach the repository during `pulumi up`", () => {
        for (const type of [T.gitRepository, T.kustomization]) {
            assert.equal((https.get(type, "gitops-platform").inputs.metadata as any).annotations["pulumi.com/skipAwait"], "true", type);
        }
    });

    it("builds SSH credentials with Flux's identity and known_hosts keys", async () => {
        const resources = await evaluateConfig(
            withGitops({
                enabled: true,
                repository: {
                    url: "ssh://git@github.com/acme/platform.git",
                    credentials: { type: "ssh", identitySecret: "gitIdentity", knownHostsSecret: "gitKnownHosts" },
                },
            }),
            { gitIdentity: "-----BEGIN OPENSSH PRIVATE KEY-----\nnot-a-key\n", gitKnownHosts: "github.com ssh-ed25519 AAAA" },
        );
        const secret = resources.get(T.secret, "gitops-platform-git-credentials").inputs as any;
        assert.deepEqual(Object.keys(revealSecrets(secret.stringData) as object), ["identity", "known_hosts"]);
        assert.ok(isSecretMarker(secret.stringData));
    });

    it("reads a public repository without a credentials Secret", async () => {
        const resources = await evaluateConfig(
            withGitops({ enabled: true, repository: { url: HTTPS_URL }, kustomization: { path: "./clusters/edge", prune: false } }),
        );
        assert.equal(resources.find(T.secret, "gitops-platform-git-credentials"), undefined);
        assert.equal((resources.get(T.gitRepository, "gitops-platform").inputs as any).spec.secretRef, undefined);
        assert.deepEqual(resources.get(T.gitRepository, "gitops-platform").dependsOn, [FLUX]);
        const spec = (resources.get(T.kustomization, "gitops-platform").inputs as any).spec;
        assert.deepEqual([spec.path, spec.prune], ["./clusters/edge", false]);
    });

    it("does without the PodMonitor when monitoring is off", async () => {
        const values = withGitops({ enabled: true, repository: { url: HTTPS_URL } });
        values.monitoring = { enabled: false };
        const flux = (await evaluateConfig(values)).get(T.release, "gitops-flux");
        assert.equal((flux.inputs as any).values.prometheus.podMonitor.create, false);
        assert.deepEqual(flux.dependsOn, [`${T.namespace}::flux-system`]);
    });

    it("writes a GitRepository and a Kustomization the reference CRDs accept", () => {
        const checks: [string, string][] = [
            [T.gitRepository, "source.toolkit.fluxcd.io_gitrepositories"],
            [T.kustomization, "kustomize.toolkit.fluxcd.io_kustomizations"],
        ];
        for (const [type, crd] of checks) {
            assert.deepEqual(schemaProblems(https.get(type, "gitops-platform").inputs, crdSchema(crd, "v1")), [], type);
        }
    });

    it("syncs gitops/clusters/dev on the dev stack once enabled, and outputs what it follows", async () => {
        const dev = await evaluateStackFile("dev", {
            "platform:externalIntegrationKey": "k",
            "platform:gitops": JSON.stringify({ enabled: true, repository: { url: HTTPS_URL }, kustomization: { path: "./gitops/clusters/dev" } }),
        });
        assert.equal((dev.get(T.kustomization, "gitops-platform").inputs as any).spec.path, "./gitops/clusters/dev");
        assert.deepEqual(dev.outputs.gitops, {
            repository: HTTPS_URL,
            branch: "main",
            path: "./gitops/clusters/dev",
            status: "kubectl -n flux-system get gitrepositories,kustomizations",
        });
    });

    // The flux2 chart installs the Flux CRDs from its templates (fluxcd-community/helm-charts
    // flux2-2.18.3 charts/flux2/templates/source-controller.crds.yaml:1, installCRDs: true at
    // values.yaml:3), so every Flux object depends on the release, which `flux check` needs.
    it("installs the Flux controllers on both default stacks, and says what to set for a sync", async () => {
        for (const stack of ["dev", "prod"]) {
            const resources = await evaluateStackFile(stack, stack === "dev" ? { "platform:externalIntegrationKey": "k" } : {});
            assert.ok(resources.find(T.release, "gitops-flux"), stack);
            assert.deepEqual(
                [resources.find(T.gitRepository, "gitops-platform"), resources.find(T.kustomization, "gitops-platform")],
                [undefined, undefined],
                stack,
            );
            assert.match((resources.outputs.gitops as any).toSync, new RegExp(`pulumi config set --path gitops.repository.url https://\\S+ -s ${stack}`));
        }
    });

    it("syncs a public HTTPS repository with no credentials once the URL is set", async () => {
        const dev = await evaluateStackFile("dev", {
            "platform:externalIntegrationKey": "k",
            "platform:gitops": JSON.stringify({ repository: { url: HTTPS_URL } }),
        });
        assert.deepEqual(dev.get(T.gitRepository, "gitops-platform").dependsOn, [FLUX]);
        assert.equal((dev.get(T.gitRepository, "gitops-platform").inputs as any).spec.secretRef, undefined);
        // The dev stack declares teams: Flux is bound in every team's namespace, helloworld's among them.
        const devApplier = [
            ...APPLIER.slice(0, 2),
            ...["backend-namespace", "data-namespace", "health-namespace", "helloworld"].map(
                (namespace) => `kubernetes:rbac.authorization.k8s.io/v1:RoleBinding::gitops-applier-${namespace}`,
            ),
        ];
        assert.deepEqual(dev.get(T.kustomization, "gitops-platform").dependsOn, [FLUX, `${T.gitRepository}::gitops-platform`, ...devApplier]);
        assert.equal((dev.get(T.kustomization, "gitops-platform").inputs as any).spec.path, "./gitops/clusters/dev");
    });

    describe("what Flux may write", () => {
        // kustomize-controller v1.8.3 internal/controller/kustomization_controller.go:391-406: with spec.serviceAccountName
        // it applies, checks health and prunes as that account of the Kustomization's namespace (and on deletion, :1129-1143).
        it("applies as a service account bound only in the namespaces the tree owns, not as cluster admin", async () => {
            const resources = await evaluateConfig(
                withGitops({ enabled: true, repository: { url: HTTPS_URL }, kustomization: { namespaces: ["shop", "apps"] } }),
            );
            const account = resources.get("kubernetes:core/v1:ServiceAccount", "gitops-applier").inputs as any;
            assert.equal((resources.get(T.kustomization, "gitops-platform").inputs as any).spec.serviceAccountName, account.metadata.name);
            assert.equal(account.metadata.namespace, "flux-system");
            const bindings = resources.all.filter(
                (r) => r.type === "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding" && r.name.startsWith("gitops-applier"),
            );
            assert.deepEqual(
                bindings.map((b) => (b.inputs as any).metadata.namespace),
                ["shop", "apps"],
            );
            const role = resources.get("kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", "gitops-applier").inputs as any;
            for (const binding of bindings) {
                assert.deepEqual((binding.inputs as any).roleRef, { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role.metadata.name });
                assert.deepEqual((binding.inputs as any).subjects, [{ kind: "ServiceAccount", name: account.metadata.name, namespace: "flux-system" }]);
            }
            assert.equal(
                resources.all.filter((r) => r.type === "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding" && r.name.startsWith("gitops")).length,
                0,
            );
            // Nothing cluster-scoped, no RBAC, no Flux objects, no wildcards.
            const granted = role.rules.flatMap((rule: any) =>
                rule.apiGroups.flatMap((group: string) => rule.resources.map((resource: string) => `${group}/${resource}`)),
            );
            for (const denied of [
                "/namespaces",
                "rbac.authorization.k8s.io/roles",
                "rbac.authorization.k8s.io/rolebindings",
                "kustomize.toolkit.fluxcd.io/kustomizations",
                "apiextensions.k8s.io/customresourcedefinitions",
            ]) {
                assert.ok(!granted.includes(denied), denied);
            }
            assert.ok(!JSON.stringify(role.rules).includes("*"));
            // The namespace "shop" is created by the platform, restricted and admitted by the Gateway, before its binding.
            const shop = resources.get(T.namespace, "shop");
            assert.equal((shop.inputs as any).metadata.labels["pod-security.kubernetes.io/enforce"], "restricted");
            assert.equal((shop.inputs as any).metadata.labels["platform.k8s-app-platform.io/apps"], "true");
            assert.ok(bindings[0].dependsOn.includes(`${T.namespace}::shop`));
        });

        // flux2 2.18.3 templates/cluster-reconciler-clusterrolebinding.yaml:1 binds cluster-admin unless multitenancy is
        // on and not privileged; kustomize-controller.yaml:42-45 then sets --default-service-account.
        it("takes cluster admin from the Flux controllers, leaving them impersonation only", () => {
            const values = (https.get(T.release, "gitops-flux").inputs as any).values;
            assert.deepEqual(values.multitenancy, { enabled: true, privileged: false });
        });

        // source-controller v1.8.2 internal/controller/gitrepository_controller.go:1095-1112 reads every value of
        // verify.secretRef as an OpenPGP key ring; api/v1 GitRepositoryVerification mode defaults to HEAD.
        it("verifies the head commit's signature when the stack names trusted keys", async () => {
            const publicKeys = "-----BEGIN PGP PUBLIC KEY BLOCK-----\nmDMEZ\n-----END PGP PUBLIC KEY BLOCK-----\n";
            const resources = await evaluateConfig(withGitops({ enabled: true, repository: { url: HTTPS_URL, verify: { publicKeys } } }));
            const source = resources.get(T.gitRepository, "gitops-platform");
            const keys = resources.get(T.secret, "gitops-platform-git-verify");
            assert.deepEqual((source.inputs as any).spec.verify, { mode: "HEAD", secretRef: { name: (keys.inputs as any).metadata.name } });
            assert.deepEqual(Object.values(revealSecrets((keys.inputs as any).stringData) as object), [publicKeys]);
            assert.ok(source.dependsOn.includes(`${T.secret}::gitops-platform-git-verify`));
            assert.equal((https.get(T.gitRepository, "gitops-platform").inputs as any).spec.verify, undefined);
        });
    });

    it("installs nothing of Flux when turned off", async () => {
        const resources = await evaluateConfig(withGitops({ enabled: false }));
        assert.equal(resources.find(T.release, "gitops-flux"), undefined);
        assert.equal(resources.find(T.namespace, "flux-system"), undefined);
    });
});
