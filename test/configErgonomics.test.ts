// What a newcomer's config gets: numeric forms YAML produces are read as meant, ambiguous
// ones are refused with the quoted form, every problem is named in one pass with the key
// probably meant, and valid-but-unreachable settings are warned about.
import * as assert from "node:assert/strict";

import { parseStackConfig } from "../stacks/parse";
import { KIND_NODE_IMAGE } from "../stacks/schema/cluster";
import { problemsOf } from "./harness/configProblems";
import { validValues } from "./harness/fixtures";

type Values = Record<string, any>;

function parse(values: Values, awsRegion?: string) {
    return parseStackConfig({ stack: "test", values, awsRegion });
}

function withMutation(mutate: (values: Values) => void): Values {
    const values = validValues();
    mutate(values);
    return values;
}

const eksCluster = () => ({ type: "eks", nodeGroups: [{ name: "general", instanceTypes: ["m7i.large"], minSize: 2, maxSize: 4, desiredSize: 2 }] });

describe("numbers where strings are expected", () => {
    it("reads cpu given as cores, tags, env, config and args given as whole numbers or booleans as the strings they stand for", () => {
        const values = withMutation((v) => {
            v.apps[0].resources = { requests: { cpu: 0.5, memory: "128Mi" }, limits: { cpu: 1, memory: "256Mi" } };
            v.apps[0].env = { PORT: 8080, DEBUG: true };
            v.apps[0].config = { RETRIES: 3 };
            v.apps[0].args = ["--port", 9898];
            v.cluster = eksCluster();
            delete v.apps[1].image;
            v.apps[1].imageTag = 2;
        });
        const [web, worker] = parse(values, "us-east-1").settings.apps;
        assert.deepEqual(web.resources, { requests: { cpu: "0.5", memory: "128Mi" }, limits: { cpu: "1", memory: "256Mi" } });
        assert.deepEqual(web.env, { PORT: "8080", DEBUG: "true" });
        assert.deepEqual(web.config, { RETRIES: "3" });
        assert.deepEqual(web.args, ["--port", "9898"]);
        assert.equal(worker.imageTag, "2");
    });

    it("refuses a decimal tag or env value, which may have lost digits, with the quoted form to write", () => {
        const problems = problemsOf(
            withMutation((v) => {
                v.cluster = eksCluster();
                delete v.apps[1].image;
                v.apps[1].imageTag = 1.1;
                v.apps[0].env = { RATIO: 0.5 };
            }),
            "us-east-1",
        );
        assert.match(
            problems.get("apps[1].imageTag")!,
            /is the number 1\.1, which may have lost digits \(1\.10 reads as 1\.1\); quote it, e.g\. imageTag: "1\.10"/,
        );
        assert.match(problems.get("apps[0].env.RATIO")!, /quote it/);
    });

    it("refuses a Kubernetes version given as a number, even one that reads right, with 'quote it'", () => {
        for (const version of [1.35, 1.3]) {
            const problems = problemsOf(
                withMutation((v) => (v.cluster = { ...eksCluster(), kubernetesVersion: version })),
                "us-east-1",
            );
            assert.match(
                problems.get("cluster.kubernetesVersion")!,
                new RegExp(`is the number ${version}, .*quote it, e\\.g\\. kubernetesVersion: "1\\.\\d+"`),
            );
        }
    });

    it("still refuses other types with the type named", () => {
        const problems = problemsOf(withMutation((v) => (v.apps[0].env = { LIST: ["a"] })));
        assert.match(problems.get("apps[0].env.LIST")!, /expected string, received array/);
    });
});

describe("every problem at once", () => {
    it("reports an unknown top-level key together with the schema's problems, suggesting the key meant", () => {
        const problems = problemsOf(
            withMutation((v) => {
                v.gitop = { enabled: false };
                v.apps[0].replicas = { min: 5, max: 2 };
            }),
        );
        assert.equal(problems.get("gitop"), "unknown config key; did you mean gitops?");
        assert.match(problems.get("apps[0].replicas.min")!, /min \(5\) is above max \(2\)/);
    });

    it("names a misspelt 'apps' beside the health-check targets it leaves unmatched", () => {
        const problems = problemsOf(
            withMutation((v) => {
                v.app = v.apps;
                delete v.apps;
            }),
        );
        assert.equal(problems.get("app"), "unknown config key; did you mean apps?");
    });

    it("does not take a secret key that a string of an invalid config names for an unknown key", () => {
        const problems = problemsOf(withMutation((v) => (v.apps[0].replicas = { min: 5, max: 2 })));
        assert.equal(problems.has("webApiKey"), false);
    });

    it("lists the known keys when no key is close", () => {
        assert.match(problemsOf(withMutation((v) => (v.somethingElse = 1))).get("somethingElse")!, /known keys are environment, cluster, apps/);
    });

    it("suggests the key meant for unknown keys inside sections, lists and variants", () => {
        const problems = problemsOf(
            withMutation((v) => {
                v.apps[0].replica = { min: 1 };
                v.apps[0].probes.readines = {};
                v.cluster = { ...eksCluster(), kubernetesVerison: "1.35", vpc: { cidr: "10.0.0.0/16" } };
            }),
            "us-east-1",
        );
        assert.equal(problems.get("apps[0].replica"), "unknown key (in app 'web'); did you mean replicas?");
        assert.equal(problems.get("apps[0].probes.readines"), "unknown key (in app 'web'); did you mean readiness?");
        assert.equal(problems.get("cluster.kubernetesVerison"), "unknown key; did you mean kubernetesVersion?");
        assert.equal(problems.get("cluster.vpc.cidr"), "unknown key; did you mean cidrBlock?");
    });
});

describe("silent traps", () => {
    const kind = (portMappings: Values[]) => ({ type: "kind", portMappings });

    it("warns of a node port on kind that no port mapping reaches, and not of one that is mapped", () => {
        const unmapped = parse(withMutation((v) => ((v.cluster = kind([])), (v.apps[0].nodePort = 30080))));
        assert.deepEqual(unmapped.warnings, [
            "app 'web' has nodePort 30080, which no kind port mapping reaches: add { containerPort: 30080, hostPort: <free port> } to cluster.portMappings (this recreates the kind cluster), or use kubectl port-forward",
        ]);
        const mapped = parse(withMutation((v) => ((v.cluster = kind([{ containerPort: 30080, hostPort: 8080 }])), (v.apps[0].nodePort = 30080))));
        assert.deepEqual(mapped.warnings, []);
        // A UDP mapping does not carry the Service's TCP port.
        const udp = parse(withMutation((v) => ((v.cluster = kind([{ containerPort: 30080, hostPort: 8080, protocol: "UDP" }])), (v.apps[0].nodePort = 30080))));
        assert.equal(udp.warnings.length, 1);
    });

    it("warns of team access that grants nothing on the cluster type: members off EKS, a group on EKS", () => {
        const members = parse(withMutation((v) => (v.teams = [{ name: "web", namespaces: ["apps"], members: ["arn:aws:iam::123456789012:role/web"] }])));
        assert.equal(members.settings.cluster.type === "eks", false);
        assert.deepEqual(
            members.warnings.filter((warning) => warning.startsWith("teams")),
            [`teams[0].members grant nothing on a ${members.settings.cluster.type} cluster: access there is the group teams[0].group (default team-web)`],
        );
        const group = parse(withMutation((v) => (v.teams = [{ name: "web", namespaces: ["apps"], group: "web-devs" }])));
        assert.deepEqual(
            group.warnings.filter((warning) => warning.startsWith("teams")),
            [],
        );
    });

    // kind publishes a mapping as <listenAddress>:<hostPort> (v0.32.0, the newest tag at hand:
    // pkg/cluster/internal/providers/docker/provision.go:369-374, 403); 0.0.0.0 is every interface of the host.
    it("warns of a kind port mapping that listens beyond loopback, naming the key", () => {
        const open = parse(
            withMutation(
                (v) =>
                    (v.cluster = kind([
                        { containerPort: 30300, hostPort: 3000 },
                        { containerPort: 30090, hostPort: 9090, listenAddress: "0.0.0.0" },
                    ])),
            ),
        );
        assert.equal(open.warnings.length, 1);
        assert.match(open.warnings[0], /^cluster\.portMappings\[1\]\.listenAddress is 0\.0\.0\.0: host port 9090 answers on every network this machine is on/);
        assert.deepEqual(parse(withMutation((v) => (v.cluster = kind([{ containerPort: 30300, hostPort: 3000, listenAddress: "127.0.0.2" }])))).warnings, []);
    });

    it("warns that an EKS-only add-on's section is ignored on kind, unless it is turned off; the same section on EKS is used", () => {
        const kindValues = (sections: Values) => withMutation((v) => Object.assign(v, { cluster: kind([]) }, sections));
        assert.deepEqual(parse(kindValues({ backups: { schedule: "0 4 * * *" } })).warnings, [
            "backups: ignored, since the backups add-on runs on eks clusters only, and this stack's cluster is kind",
        ]);
        assert.deepEqual(parse(kindValues({ backups: { enabled: false, schedule: "0 4 * * *" } })).warnings, []);
        assert.deepEqual(parse(kindValues({})).warnings, [], "add-ons on by default raise nothing while their section is absent");
        assert.deepEqual(
            parse(
                withMutation((v) => Object.assign(v, { cluster: eksCluster(), backups: { schedule: "0 4 * * *" } })),
                "us-east-1",
            ).warnings,
            [],
        );
    });

    it("warns of a kindest/node image pinned by tag only; the default and digest-pinned images pass", () => {
        const withImage = (nodeImage: string) => parse(withMutation((v) => (v.cluster = { type: "kind", nodeImage }))).warnings;
        const [warning] = withImage("kindest/node:v1.36.1");
        assert.match(
            warning,
            /^cluster\.nodeImage kindest\/node:v1\.36\.1 is not pinned by digest: kind v\d+\.\d+\.\d+ runs only the node images its release notes list/,
        );
        assert.deepEqual(withImage(KIND_NODE_IMAGE), []);
        assert.deepEqual(withImage(`kindest/node:v1.35.4@sha256:${"b".repeat(64)}`), []);
        // An image built with `kind build node-image` under the user's own name is theirs to vouch for.
        assert.deepEqual(withImage("registry.example.com/kind-node:1.37.0"), []);
    });

    it("refuses an EKS stack without aws:region, with the command for this stack", () => {
        const problems = problemsOf(withMutation((v) => (v.cluster = eksCluster())));
        assert.equal(problems.get("aws:region"), "is required for an EKS cluster; run: pulumi config set aws:region us-east-1 -s test");
        assert.doesNotThrow(() =>
            parse(
                withMutation((v) => (v.cluster = eksCluster())),
                "eu-central-1",
            ),
        );
    });

    it("refuses a region that is not one, and takes none on kind", () => {
        assert.match(problemsOf(validValues(), "us-east").get("aws:region")!, /'us-east' is not an AWS region such as us-east-1/);
        assert.doesNotThrow(() => parse(validValues()));
    });

    it("names the stack in the command that sets a missing secret", () => {
        const values = withMutation((v) => delete v.webApiKey);
        assert.match(problemsOf(values).get("apps[0].secretEnv.API_KEY")!, /run: pulumi config set --secret webApiKey <value> -s test$/);
    });
});
