// What the API servers would refuse part-way through `pulumi up` is refused by the offline
// plan first: exit 2, the key path in the message, no stack trace, and nothing registered.
// Each case cites the upstream rule it mirrors.
import * as assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dump } from "js-yaml";

import { runPlanCommand } from "../offline/plan/cli";
import { runPlatformProgram, type ProgramOptions } from "../program";
import { PROJECT_ROOT } from "./harness/evaluateStack";

type Values = Record<string, any>;

function kindStack(): Values {
    return {
        environment: "dev",
        cluster: { type: "kind", portMappings: [{ containerPort: 30080, hostPort: 8080 }] },
        apps: [{ name: "web", image: "ghcr.io/stefanprodan/podinfo:6.7.1", containerPort: 9898, nodePort: 30080, secretEnv: { API_KEY: "webApiKey" } }],
        jobs: [
            {
                name: "health-check",
                image: "curlimages/curl:8.11.1",
                schedule: "*/5 * * * *",
                healthCheck: { targets: ["web"] },
                storage: { mountPath: "/var/log/health" },
            },
        ],
    };
}

function eksStack(): Values {
    return {
        environment: "prod",
        cluster: { type: "eks", nodeGroups: [{ name: "general", instanceTypes: ["m7i.large"], minSize: 2, maxSize: 4, desiredSize: 2 }] },
        apps: [{ name: "web", imageTag: "1.0.0", containerPort: 5000 }],
    };
}

const SECURE = { secure: "v1:not-decrypted-offline" };

/** A stack file: the platform keys, and the secrets the config refers to (encrypted unless `plain`). */
function stackYaml(values: Values, plain: Record<string, string> = {}): string {
    const usesKey = JSON.stringify(values).includes("webApiKey") && !("webApiKey" in plain);
    const region = (values.cluster as Values | undefined)?.type === "eks" ? { "aws:region": "us-east-1" } : {};
    const config: Record<string, unknown> = {
        "pulumi:disable-default-providers": ["kubernetes"],
        ...region,
        ...(usesKey ? { "platform:webApiKey": SECURE } : {}),
    };
    for (const [key, value] of Object.entries({ ...values, ...plain })) {
        config[`platform:${key}`] = value;
    }
    return dump({ config });
}

let root: string;
let counter = 0;

/** Plans the stack file text: exit 2 with the key and reason, no trace, no file written, no resource registered. */
async function assertRefused(text: string | Buffer, key: string, reason: RegExp): Promise<void> {
    const stack = `case${counter++}`;
    writeFileSync(join(root, `Pulumi.${stack}.yaml`), text);
    const out = join(root, `out-${stack}`);
    const err: string[] = [];
    let registered = 0;
    const program = (options: ProgramOptions) => {
        const recording = { ...options, rootOptions: { transformations: [...(options.rootOptions?.transformations ?? []), () => void registered++] } };
        return runPlatformProgram(recording);
    };
    const code = await runPlanCommand(["--stack", stack, "--out", out], {
        projectRoot: root,
        output: { out: () => undefined, err: (t) => err.push(t) },
        program,
    });
    const message = err.join("\n");
    assert.equal(code, 2, message);
    assert.ok(message.includes(key), `the message names ${key}:\n${message}`);
    assert.match(message, reason);
    assert.doesNotMatch(message, /\n\s+at .+:\d+:\d+/, "no stack trace");
    assert.equal(existsSync(out), false, "nothing written");
    assert.equal(registered, 0, "nothing registered");
}

const refused = (values: Values, key: string, reason: RegExp) => assertRefused(stackYaml(values), key, reason);

describe("refused at plan time", () => {
    before(() => {
        root = mkdtempSync(join(tmpdir(), "refusals-"));
        copyFileSync(join(PROJECT_ROOT, "Pulumi.yaml"), join(root, "Pulumi.yaml"));
    });
    after(() => rmSync(root, { recursive: true, force: true }));

    it("accepts the base stacks (so each case below fails for its own reason)", async () => {
        for (const values of [kindStack(), eksStack()]) {
            writeFileSync(join(root, "Pulumi.base.yaml"), stackYaml(values));
            const err: string[] = [];
            const code = await runPlanCommand(["--stack", "base", "--out", join(root, "out-base")], {
                projectRoot: root,
                output: { out: () => undefined, err: (t) => err.push(t) },
            });
            assert.equal(code, 0, err.join("\n"));
        }
    });

    describe("names (apimachinery v0.36.3 pkg/util/validation/validation.go)", () => {
        // A Service name is a DNS-1035 label (kubernetes 1.35 pkg/apis/core/validation/validation.go:290).
        it("an app name that starts with a digit", () =>
            refused({ ...kindStack(), apps: [{ ...kindStack().apps[0], name: "9lives" }], jobs: [] }, "apps[0].name", /DNS-1035 label/));
        // Label values are at most 63 (validate/content/kube.go:74-94): app.kubernetes.io/instance is <name>-<env>.
        it("a name whose instance label would exceed 63 characters with the env suffix", () =>
            refused(
                { ...kindStack(), apps: [{ ...kindStack().apps[0], name: `a${"b".repeat(60)}` }], jobs: [] },
                "apps[0].name",
                /at most 59.*app\.kubernetes\.io\/instance/,
            ));
        // ValidateCronJobCreate: 63 minus the controller's 11-character suffix.
        it("a CronJob name above 52 characters", () =>
            refused({ ...kindStack(), jobs: [{ ...kindStack().jobs[0], name: `j${"x".repeat(52)}` }] }, "jobs[0].name", /at most 52/));
    });

    describe("workload fields (kubernetes 1.35 pkg/apis/core/validation, batch/validation)", () => {
        const job = (change: Values) => ({ ...kindStack(), jobs: [{ ...kindStack().jobs[0], ...change }] });
        const app = (change: Values) => ({ ...kindStack(), apps: [{ ...kindStack().apps[0], ...change }] });
        // validateTimeZone: time.LoadLocation must know it; "Local" is refused.
        it("a timeZone that is not an IANA zone", () => refused(job({ timeZone: "Mars/Olympus" }), "jobs[0].timeZone", /not an IANA time zone/));
        it("the timeZone Local", () => refused(job({ timeZone: "Local" }), "jobs[0].timeZone", /not Local/));
        // ValidateClassName = NameIsDNSSubdomain (validation.go:331).
        it("a storageClassName that is not a DNS subdomain", () =>
            refused(job({ storage: { mountPath: "/data", storageClassName: "Fast_SSD" } }), "jobs[0].storage.storageClassName", /DNS-1123 subdomain/));
        // Probe timings, replicas and a Job's backoffLimit are int32 (k8s.io/api v0.36 core/v1 and batch/v1 types.go); a
        // larger number wraps negative on the wire and the API server refuses it (the cluster tier's config-rejects oracle).
        it("int32 fields past 2147483647: a probe's initialDelaySeconds, a job's backoffLimit", async () => {
            await refused(
                app({ probes: { readiness: { path: "/", initialDelaySeconds: 2147483648 } } }),
                "apps[0].probes.readiness.initialDelaySeconds",
                /at most 2147483647/,
            );
            await refused(job({ backoffLimit: 2147483648 }), "jobs[0].backoffLimit", /at most 2147483647/);
        });
        // IsConfigMapKey (validation.go:405-419).
        it("ConfigMap keys '.', '..' and with a slash", async () => {
            await refused(app({ config: { ".": "x" } }), "apps[0].config", /must not be '\.' or '\.\.'/);
            await refused(app({ config: { "..": "x" } }), "apps[0].config", /must not be '\.' or '\.\.'/);
            await refused(app({ config: { "a/b": "x" } }), "apps[0].config", /no '\/'/);
        });
        // IsValidUserID: 0..2147483647 (validation.go:288-309).
        it("a runAsUser outside int32", () => refused(app({ runAsUser: 2147483648 }), "apps[0].runAsUser", /1-2147483647/));
        // The API only warns about fractional bytes (pkg/api/pod/warnings.go): "64m" is 0.064 bytes.
        it("a memory quantity in millibytes, with a hint that Mi was meant", () =>
            refused(
                app({ resources: { requests: { cpu: "50m", memory: "64m" }, limits: { cpu: "100m", memory: "128Mi" } } }),
                "apps[0].resources.requests.memory",
                /0\.064 bytes.*did you mean 64Mi\?/,
            ));
        // Volume names unique per pod, mount paths unique per container (validation.go:478-479, 3120-3121).
        it("writable paths whose volumes collide: /var/log and /var-log", () =>
            refused(app({ writablePaths: ["/var/log", "/var-log"] }), "apps[0].writablePaths[1]", /collides with writablePaths\[0\].*scratch-var-log/));
        it("the writable path /tmp/, which is /tmp", () =>
            refused(app({ writablePaths: ["/tmp/"] }), "apps[0].writablePaths[0]", /collides with \/tmp \(always writable\)/));
        it("a storage mount on /tmp", () => refused(job({ storage: { mountPath: "/tmp" } }), "jobs[0].storage.mountPath", /already writable/));
        // The plan would label the namespace restricted, add a default-deny policy and open the secret store to it.
        it("an app or job in default or a kube-* namespace, and kube-system as the apps' namespace", async () => {
            await refused(
                app({ namespace: "kube-system" }),
                "apps[0].namespace",
                /'kube-system' is Kubernetes' own namespace \(default, kube-\*\); run workloads in an app namespace/,
            );
            await refused(job({ namespace: "default" }), "jobs[0].namespace", /'default' is Kubernetes' own namespace/);
            await refused(app({ namespace: "kube-node-lease" }), "apps[0].namespace", /Kubernetes' own namespace/);
            await refused(
                { ...kindStack(), namespaces: { apps: "kube-public" } },
                "namespaces.apps",
                /'kube-public' is Kubernetes' own namespace.*apps need a namespace of their own/,
            );
        });
        it("an env entry that shadows a secretEnv entry", () =>
            refused(app({ env: { API_KEY: "plain" } }), "apps[0].env.API_KEY", /shadows secretEnv\.API_KEY/));
        // MaxSecretSize 1 MiB applies to ConfigMap data (validation.go:7758-7784).
        it("a ConfigMap above the API's 1 MiB limit", () =>
            refused(app({ config: { BIG: "x".repeat(1024 * 1024 + 1) } }), "apps[0].config", /at most 1048576/));
    });

    describe("kind", () => {
        // Docker publishes a host port once: `kind create cluster` would fail after the node starts.
        it("two port mappings on one host port", () =>
            refused(
                {
                    ...kindStack(),
                    cluster: {
                        type: "kind",
                        portMappings: [
                            { containerPort: 30080, hostPort: 8080 },
                            { containerPort: 30081, hostPort: 8080 },
                        ],
                    },
                },
                "cluster.portMappings[1].hostPort",
                /8080\/TCP is already mapped/,
            ));
        // kind v0.32.0 pkg/apis/config/defaults/image.go:21: its default image is the newest it was built for.
        it("a kindest/node image newer than the pinned kind release was built for", () =>
            refused(
                { ...kindStack(), cluster: { ...kindStack().cluster, nodeImage: `kindest/node:v1.99.0@sha256:${"a".repeat(64)}` } },
                "cluster.nodeImage",
                /v1\.99\.0 is newer than every node image kind v\d+\.\d+\.\d+ was built for.*components\/cluster\/kind\.json/,
            ));
        // components/addons/plan.ts skips an add-on on a cluster type outside its runsOn.
        it("an EKS-only add-on turned on for a kind stack", () =>
            refused({ ...kindStack(), karpenter: { enabled: true } }, "karpenter.enabled", /runs on eks clusters only, and this stack's cluster is kind/));
        it("an EKS-only add-on that is on by default, turned on explicitly", () =>
            refused({ ...kindStack(), backups: { enabled: true } }, "backups.enabled", /runs on eks clusters only/));
    });

    describe("EKS and EC2 (API references)", () => {
        const group = (change: Values) => ({
            ...eksStack(),
            cluster: { ...eksStack().cluster, nodeGroups: [{ ...eksStack().cluster.nodeGroups[0], ...change }] },
        });
        // "Label cannot contain reserved prefixes [kubernetes.io/, k8s.io/, eks.amazonaws.com/]".
        it("a node-group label under a prefix EKS reserves", () =>
            refused(group({ labels: { "node-role.kubernetes.io/worker": "true" } }), "cluster.nodeGroups[0].labels", /kubernetes\.io\/, which EKS reserves/));
        // UpdateLabelsPayload: key 1-63 (prefix included), value 1-63.
        it("a node-group label key above 63 characters with its prefix, and an empty value", async () => {
            await refused(group({ labels: { [`example.com/${"k".repeat(55)}`]: "v" } }), "cluster.nodeGroups[0].labels", /at most 63, prefix included/);
            await refused(group({ labels: { tier: "" } }), "cluster.nodeGroups[0].labels.tier", /1-63 letters/);
        });
        it("a node-group label the platform sets itself", () =>
            refused(
                group({ labels: { "platform.k8s-app-platform.io/node-group": "other" } }),
                "cluster.nodeGroups[0].labels",
                /set by the platform to the node group's name/,
            ));
        // CreateNodegroup: nodegroupName up to 63 characters; the program appends a 9-character digest (nodeGroupName.ts).
        it("a node-group name that leaves no room for the create-only digest", () =>
            refused(group({ name: "g".repeat(55) }), "cluster.nodeGroups[0].name", /at most 54 characters/));
        // Taint: effect NO_SCHEDULE | NO_EXECUTE | PREFER_NO_SCHEDULE; at most 50 per node group.
        it("a taint effect EKS does not know, and more than 50 taints", async () => {
            await refused(
                group({ taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }] }),
                "cluster.nodeGroups[0].taints[0].effect",
                /NO_SCHEDULE/,
            );
            const taints = Array.from({ length: 51 }, (_, index) => ({ key: `t${index}`, effect: "NO_SCHEDULE" }));
            await refused(group({ taints }), "cluster.nodeGroups[0].taints", /at most 50 taints/);
        });
        // "The allowed block size is between a /16 netmask and /28 netmask".
        it("a VPC block outside /16../28", () =>
            refused({ ...eksStack(), cluster: { ...eksStack().cluster, vpc: { cidrBlock: "10.0.0.0/12" } } }, "cluster.vpc.cidrBlock", /\/16 to \/28/));
        // "Both private and public endpoint access cannot be false".
        it("both API endpoints off", () =>
            refused(
                { ...eksStack(), cluster: { ...eksStack().cluster, endpoint: { publicAccess: false, privateAccess: false } } },
                "cluster.endpoint.privateAccess",
                /both false/,
            ));
        // EKS user guide, cluster endpoint: without the private endpoint the public CIDRs must include the nodes' egress.
        it("a restricted public endpoint while private access is off", () =>
            refused(
                {
                    ...eksStack(),
                    cluster: { ...eksStack().cluster, endpoint: { publicAccess: true, privateAccess: false, publicAccessCidrs: ["203.0.113.0/24"] } },
                },
                "cluster.endpoint.privateAccess",
                /could not join/,
            ));
    });

    describe("stack files that do not parse (js-yaml 4.3.2 lib/loader.js)", () => {
        const base = stackYaml(kindStack());
        it("duplicate keys, with file, line and reason", () =>
            assertRefused(`${base}  platform:environment: again\n`, "Pulumi.", /:\d+:\d+: duplicated mapping key/));
        it("tabs in indentation", () =>
            assertRefused(
                base.replace("  platform:environment", "\tplatform:environment"),
                "Pulumi.",
                /:\d+:\d+: tab characters must not be used in indentation/,
            ));
        it("unknown tags", () => assertRefused(base.replace("environment: dev", "environment: !Ref dev"), "Pulumi.", /:\d+:\d+: unknown tag/));
        it("bytes that are not UTF-8", () => {
            const [before, after] = base.split("environment: dev");
            return assertRefused(
                Buffer.concat([Buffer.from(`${before}environment: d`), Buffer.from([0xff]), Buffer.from(`v${after}`)]),
                "Pulumi.",
                /not valid UTF-8/,
            );
        });
        it("an alias bomb, counted before it is expanded", () => {
            const levels = Array.from({ length: 9 }, (_, index) => `  l${index + 1}: &l${index + 1} [${Array(10).fill(`*l${index}`).join(", ")}]`);
            const bomb = `bomb:\n  l0: &l0 [lol]\n${levels.join("\n")}\n${base}`;
            // Expanded, it would hold 10^9 values; the refusal names the limit it stopped at.
            return assertRefused(bomb, "Pulumi.", /aliases expand to more than 100000 values/);
        });
    });

    describe("secrets", () => {
        it("a plaintext value for a key the config uses as a secret", () =>
            assertRefused(
                stackYaml(kindStack(), { webApiKey: "plain-text-key" }),
                "webApiKey",
                /plain text in Pulumi\.case\d+\.yaml; set it encrypted: pulumi config set --secret webApiKey <value> -s case\d+/,
            ));
        it("a Git URL that carries credentials, without echoing them", async () => {
            await refused(
                { ...kindStack(), gitops: { repository: { url: "https://ci-bot:ghp_not_a_token@github.com/acme/platform.git" } } },
                "gitops.repository.url",
                /carries credentials/,
            );
            await assertRefused(
                stackYaml({ ...kindStack(), gitops: { repository: { url: "https://ci-bot:ghp_not_a_token@github.com/acme/platform.git" } } }),
                "gitops",
                /^(?![\s\S]*ghp_not_a_token)/,
            );
        });
        // `pulumi config set --secret --path 'platform:apps[0].env.TOKEN'` nests a secure value; the engine then marks
        // the whole key secret and hands over decrypted JSON (pulumi v3.259.0 sdk/go/common/resource/config/object.go:51-65).
        it("an encrypted value nested inside structured config, naming the key and where secrets belong", async () => {
            const stack = kindStack();
            stack.apps[0].env = { TOKEN: SECURE };
            await refused(
                stack,
                "apps",
                /holds an encrypted value inside it \(set with --secret --path\).*pulumi config set --secret <name> <value>.*secretEnv/,
            );
            await refused(
                { ...kindStack(), gitops: { repository: { url: "https://github.com/acme/platform.git", branch: SECURE } } },
                "gitops",
                /holds an encrypted value inside it/,
            );
        });
    });

    describe("scaling on Prometheus triggers (KEDA 2.20.2 pkg/scalers/prometheus_scaler.go:48-60: threshold is required)", () => {
        const withTrigger = (trigger: Record<string, unknown>, sections: Values = { keda: { enabled: true } }) => ({
            ...kindStack(),
            ...sections,
            apps: [{ ...kindStack().apps[0], autoscaling: { metrics: [trigger] } }],
        });
        const query = 'sum(rate(http_requests_total{service="web"}[2m]))';
        it("a query with no target", () => refused(withTrigger({ query }), "apps[0].autoscaling.metrics[0].targetPerPod", /is required/));
        it("a trigger while KEDA is off", () =>
            refused(withTrigger({ query, targetPerPod: 10 }, {}), "apps[0].autoscaling.metrics", /add-on 'keda' provides, but it is off \(keda\.enabled\)/));
    });

    // The traffic add-ons: what the Gateway could not serve, a certificate nobody could be
    // issued, a zone ExternalDNS could not find.
    describe("traffic", () => {
        const kindGateway = (): Values => ({ ...kindStack(), gateway: { enabled: true }, certManager: { enabled: true } });
        const eksTraffic = (extra: Values = {}): Values => ({
            ...eksStack(),
            awsLoadBalancerController: { enabled: true },
            gateway: { enabled: true, domain: "apps.example.com" },
            externalDns: { enabled: true, hostedZoneId: "Z0123456789ABCDEFGHIJ" },
            certManager: { enabled: true, acme: { email: "ops@example.com" } },
            ...extra,
        });
        it("accepts both stacks with the traffic add-ons on (so each case below fails for its own reason)", async () => {
            for (const values of [kindGateway(), eksTraffic()]) {
                writeFileSync(join(root, "Pulumi.traffic.yaml"), stackYaml(values));
                const err: string[] = [];
                const code = await runPlanCommand(["--stack", "traffic", "--out", join(root, "out-traffic")], {
                    projectRoot: root,
                    output: { out: () => undefined, err: (t) => err.push(t) },
                });
                assert.equal(code, 0, err.join("\n"));
            }
        });
        it("a route host outside the domain (the HTTPS listener serves *.<domain> only)", () => {
            const values = kindGateway();
            values.apps[0].route = { host: "web.example.com" };
            return refused(values, "apps[0].route.host", /'web\.example\.com' is outside the domain 'localhost' \(gateway\.domain\)/);
        });
        it("two apps claiming one host", () => {
            const values = kindGateway();
            values.apps.push({ name: "api", image: "ghcr.io/stefanprodan/podinfo:6.7.1", containerPort: 9898, route: { host: "web.localhost" } });
            return refused(values, "apps[1].route.host", /'web\.localhost' is already claimed by apps\[0\] \(web\)/);
        });
        it("the Gateway without cert-manager (its HTTPS listener would have no certificate)", () =>
            refused({ ...kindGateway(), certManager: { enabled: false } }, "certManager.enabled", /must be true while gateway\.enabled is/));
        it("no domain on EKS", () => refused(eksTraffic({ gateway: { enabled: true } }), "gateway.domain", /is required on a eks cluster/));
        it("an ACME issuer without an email", () =>
            refused(eksTraffic({ certManager: { enabled: true } }), "certManager.acme.email", /is required for the acme issuer/));
        it("ExternalDNS without its hosted zone", () =>
            refused(eksTraffic({ externalDns: { enabled: true } }), "externalDns.hostedZoneId", /is required on an eks cluster/));
        it("ExternalDNS without the Gateway whose routes it publishes", () =>
            refused(
                eksTraffic({ gateway: { enabled: false } }),
                "externalDns",
                /add-on 'externalDns' needs the capability 'gateway', which add-on 'gateway' provides, but it is off \(gateway\.enabled\)/,
            ));
        it("a route path the Gateway API refuses (CEL rules of HTTPRoute path.value)", () => {
            const values = kindGateway();
            values.apps[0].route = { paths: ["/api/../admin"] };
            return refused(values, "apps[0].route.paths[0]", /must not contain '\/\.\.\/'/);
        });
    });
    describe("teams", () => {
        const team = (change: Values = {}) => ({ name: "web-team", namespaces: ["apps"], ...change });
        const withTeams = (teams: Values[], base: Values = kindStack()): Values => ({ ...base, teams });
        it("an app or job in a namespace no team owns, once teams are declared", async () => {
            await refused(
                withTeams([team({ namespaces: ["other"] })]),
                "apps[0].namespace",
                /runs in namespaces\.apps \('apps'\) is owned by no team.*\(other\)/,
            );
            const values = withTeams([team()]);
            values.jobs[0].namespace = "batch";
            await refused(values, "jobs[0].namespace", /'batch' is owned by no team/);
        });
        // EKS keeps one access entry per principal (CreateAccessEntry: ResourceInUseException).
        it("a member principal given twice: in two teams, or as a team member and a cluster admin", async () => {
            const arn = "arn:aws:iam::123456789012:role/devs";
            await refused(
                withTeams([team({ members: [arn] }), team({ name: "ops", namespaces: ["ops"], members: [arn] })], eksStack()),
                "teams[1].members[0]",
                /already given at teams\[0\]\.members\[0\]/,
            );
            const admin = eksStack();
            admin.cluster.adminPrincipalArns = [arn];
            await refused(withTeams([team({ members: [arn] })], admin), "teams[0].members[0]", /already given at cluster\.adminPrincipalArns\[0\]/);
        });
        // The quota admission plugin refuses a pod whose usage would exceed hard (k8s.io/apiserver v0.36.3
        // pkg/admission/plugin/resourcequota/controller.go:620-623, "exceeded quota").
        it("a quota the namespace's workloads cannot fit, naming the first that overflows", async () => {
            const values = withTeams([team({ quota: { requestsCpu: "100m" } })]);
            values.apps[0].replicas = { min: 2, max: 3 };
            values.apps[0].resources = { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "100m", memory: "128Mi" } };
            values.jobs[0].resources = { requests: { cpu: "10m", memory: "16Mi" }, limits: { cpu: "100m", memory: "64Mi" } };
            await refused(values, "jobs[0].resources.requests.cpu", /1 × 10m takes namespace 'apps' past team 'web-team' quota\.requestsCpu 100m/);
            await refused(
                withTeams([team({ quota: { pods: 1 } })]),
                "jobs[0]",
                /1 pod\(s\) take namespace 'apps' to 2 pods, above team 'web-team' quota\.pods 1/,
            );
        });
        it("a namespace owned by two teams, or a team owning Kubernetes' or an add-on's namespace", async () => {
            await refused(withTeams([team(), team({ name: "ops", namespaces: ["apps"] })]), "teams[1].namespaces[0]", /already owned by team 'web-team'/);
            await refused(withTeams([team({ namespaces: ["apps", "kube-system"] })]), "teams[0].namespaces[1]", /belongs to Kubernetes itself/);
            await refused(
                withTeams([team({ namespaces: ["apps", "monitoring"] })]),
                "teams[0].namespaces[1]",
                /is the monitoring namespace \(namespaces\.monitoring\)/,
            );
        });
        // ValidateLimitRange (kubernetes v1.36.3 pkg/apis/core/validation/validation.go:7711-7712): "default request value ... is greater than default limit value".
        it("container defaults whose request is above their limit", () =>
            refused(
                withTeams([team({ limits: { defaultRequest: { cpu: "2", memory: "128Mi" } } })]),
                "teams[0].limits.defaultRequest.cpu",
                /request 2 is above the default 500m/,
            ));
    });
});
