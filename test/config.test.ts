import * as assert from "node:assert/strict";

import { parseStackConfig } from "../stacks/parse";
import { assertProblem, problemsOf } from "./harness/configProblems";
import { validValues } from "./harness/fixtures";

function rejects(mutate: (values: Record<string, any>) => void, key: string, reason: RegExp) {
    const values = validValues();
    mutate(values);
    assertProblem(problemsOf(values), key, reason);
}

describe("stack config", () => {
    it("accepts the valid fixture and fills defaults", () => {
        const { settings, secrets } = parseStackConfig({ stack: "test", values: validValues() });
        assert.equal(settings.apps[0].servicePort, 80);
        assert.deepEqual(settings.apps[1].replicas, { min: 1, max: 3 });
        assert.equal(settings.apps[1].autoscaling.cpuUtilization, 70);
        assert.deepEqual(settings.apps[1].resources, { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } });
        assert.equal(settings.namespaces.apps, "apps");
        assert.deepEqual(
            secrets.map((ref) => ref.configKey),
            ["webApiKey"],
        );
    });

    it("rejects a missing required key", () => rejects((v) => delete v.environment, "environment", /is required/));
    it("rejects a missing container port", () => rejects((v) => delete v.apps[0].containerPort, "apps[0].containerPort", /is required.*app 'web'/));
    it("rejects an unknown cluster type", () => rejects((v) => (v.cluster.type = "minikube"), "cluster.type", /'kind', 'existing' or 'eks'/));
    it("rejects an unknown key inside an app", () => rejects((v) => (v.apps[0].replicaz = 3), "apps[0].replicaz", /unknown key.*app 'web'/));
    it("rejects an unknown top-level key", () => rejects((v) => (v.clustr = {}), "clustr", /unknown config key/));

    it("rejects an app name that is not a DNS-1035 label", () => rejects((v) => (v.apps[0].name = "Web_API"), "apps[0].name", /DNS-1035 label/));
    it("rejects a too long app name", () => rejects((v) => (v.apps[0].name = "a".repeat(64)), "apps[0].name", /at most 63/));
    it("rejects two apps with the same name", () => rejects((v) => (v.apps[1].name = "web"), "apps[1].name", /already used by apps\[0\]/));
    it("rejects a job named like an app", () => rejects((v) => (v.jobs[0].name = "worker"), "jobs[0].name", /already used by apps\[1\]/));

    it("rejects a minimum below 1", () => rejects((v) => (v.apps[0].replicas.min = 0), "apps[0].replicas.min", /at least 1/));
    it("rejects a minimum above the maximum", () => rejects((v) => (v.apps[0].replicas = { min: 5, max: 2 }), "apps[0].replicas.min", /above max/));
    it("rejects initial replicas outside the bounds", () =>
        rejects((v) => (v.apps[0].replicas = { min: 2, max: 4, initial: 6 }), "apps[0].replicas.initial", /outside min\.\.max/));
    it("rejects a CPU target above 100 %", () =>
        rejects((v) => (v.apps[0].autoscaling = { cpuUtilization: 150 }), "apps[0].autoscaling.cpuUtilization", /1-100/));
    it("rejects a CPU target of 0 %", () => rejects((v) => (v.apps[0].autoscaling = { cpuUtilization: 0 }), "apps[0].autoscaling.cpuUtilization", /1-100/));

    it("rejects a port above 65535", () => rejects((v) => (v.apps[0].containerPort = 70000), "apps[0].containerPort", /1-65535/));
    it("rejects a service port of 0", () => rejects((v) => (v.apps[0].servicePort = 0), "apps[0].servicePort", /1-65535/));

    it("rejects a CPU quantity Kubernetes would not parse", () =>
        rejects(
            (v) => (v.apps[0].resources = { requests: { cpu: "2 cores", memory: "64Mi" } }),
            "apps[0].resources.requests.cpu",
            /'2 cores' is not a CPU quantity/,
        ));
    it("rejects a memory quantity Kubernetes would not parse", () =>
        rejects(
            (v) => (v.apps[0].resources = { limits: { cpu: "1", memory: "512mb" } }),
            "apps[0].resources.limits.memory",
            /'512mb' is not a memory quantity/,
        ));
    it("rejects requests above limits", () =>
        rejects(
            (v) => (v.apps[0].resources = { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "500m", memory: "2Gi" } }),
            "apps[0].resources.requests.cpu",
            /request 1 is above the limit 500m/,
        ));

    it("rejects an image without tag or digest", () => rejects((v) => (v.apps[0].image = "ghcr.io/org/web"), "apps[0].image", /neither a tag nor a digest/));
    it("rejects the latest tag", () => rejects((v) => (v.jobs[0].image = "curlimages/curl:latest"), "jobs[0].image", /'latest' tag/));
    it("accepts an image pinned by digest", () => {
        const values = validValues();
        values.apps[0].image = `ghcr.io/org/web@sha256:${"a".repeat(64)}`;
        assert.equal(parseStackConfig({ stack: "test", values }).settings.apps[0].image, values.apps[0].image);
    });
    it("requires an image on clusters without a registry", () =>
        rejects(
            (v) => {
                delete v.apps[1].image;
                v.apps[1].imageTag = "1.0.0";
            },
            "apps[1].image",
            /required on a existing cluster/,
        ));

    it("rejects a cron schedule with six fields", () => rejects((v) => (v.jobs[0].schedule = "0 */5 * * * *"), "jobs[0].schedule", /needs 5/));
    it("rejects a cron field out of range", () => rejects((v) => (v.jobs[0].schedule = "61 * * * *"), "jobs[0].schedule", /not a valid cron expression/));
    it("rejects free text as a schedule", () => rejects((v) => (v.jobs[0].schedule = "every five minutes"), "jobs[0].schedule", /needs 5|not a valid/));
    it("rejects Quartz-only cron syntax", () => rejects((v) => (v.jobs[0].schedule = "0 0 L * *"), "jobs[0].schedule", /L, W or #/));

    it("rejects a health check of an unknown app", () =>
        rejects((v) => (v.jobs[0].healthCheck.targets = ["web", "api"]), "jobs[0].healthCheck.targets[1]", /not an app of this stack/));

    it("rejects a secret reference whose key is not set", () =>
        rejects((v) => delete v.webApiKey, "apps[0].secretEnv.API_KEY", /'webApiKey', which is not set.*pulumi config set --secret webApiKey/));
    it("allows a missing secret in an offline plan and reports it", () => {
        const values = validValues();
        delete values.webApiKey;
        const parsed = parseStackConfig({ stack: "test", values }, { allowMissingSecrets: true });
        assert.deepEqual(
            parsed.missingSecrets.map((ref) => ref.usedAt),
            ["apps[0].secretEnv.API_KEY"],
        );
    });

    it("reports every problem at once", () => {
        const values = validValues();
        values.apps[0].containerPort = 0;
        values.apps[1].replicaz = 2;
        values.jobs[0].schedule = "bad";
        const problems = problemsOf(values);
        assert.deepEqual([...problems.keys()].sort(), ["apps[0].containerPort", "apps[1].replicaz", "jobs[0].schedule"]);
    });

    it("names the stack and each key in the error message", () => {
        const values = validValues();
        values.apps[0].containerPort = 0;
        assert.throws(
            () => parseStackConfig({ stack: "dev", values }),
            /Invalid config for stack 'dev' \(1 problem\):\n {2}- apps\[0\]\.containerPort: must be a port in 1-65535/,
        );
    });
});

describe("cluster config", () => {
    const eks = () => ({
        type: "eks",
        nodeGroups: [{ name: "general", instanceTypes: ["m7i.large"], minSize: 2, maxSize: 4, desiredSize: 2 }],
    });
    const withCluster = (cluster: Record<string, unknown>) => (values: Record<string, any>) => {
        values.cluster = cluster;
        delete values.apps[1].image;
        values.apps[1].imageTag = "1.0.0";
    };

    it("accepts an EKS cluster with defaults", () => {
        const values = validValues();
        withCluster(eks())(values);
        const settings = parseStackConfig({ stack: "test", values, awsRegion: "us-east-1" }).settings;
        assert.equal(settings.cluster.type, "eks");
        if (settings.cluster.type === "eks") {
            assert.equal(settings.cluster.kubernetesVersion, "1.35");
            assert.equal(settings.cluster.vpc.natGateways, "onePerAz");
            assert.equal(settings.cluster.protect, true);
        }
    });
    it("rejects a desired size outside min..max", () =>
        rejects(
            withCluster({ ...eks(), nodeGroups: [{ name: "g", instanceTypes: ["m7i.large"], minSize: 2, maxSize: 4, desiredSize: 5 }] }),
            "cluster.nodeGroups[0].desiredSize",
            /outside minSize\.\.maxSize \(2\.\.4\)/,
        ));
    it("rejects a node group minimum above its maximum", () =>
        rejects(
            withCluster({ ...eks(), nodeGroups: [{ name: "g", instanceTypes: ["m7i.large"], minSize: 5, maxSize: 4, desiredSize: 4 }] }),
            "cluster.nodeGroups[0].minSize",
            /above maxSize/,
        ));
    it("rejects an unknown instance type format", () =>
        rejects(
            withCluster({ ...eks(), nodeGroups: [{ name: "g", instanceTypes: ["large-m7"], minSize: 1, maxSize: 2, desiredSize: 1 }] }),
            "cluster.nodeGroups[0].instanceTypes[0]",
            /EC2 instance type/,
        ));
    it("rejects mixed architectures in one node group", () =>
        rejects(
            withCluster({ ...eks(), nodeGroups: [{ name: "g", instanceTypes: ["m7i.large", "m7g.large"], minSize: 1, maxSize: 2, desiredSize: 1 }] }),
            "cluster.nodeGroups[0].instanceTypes",
            /mixes arm64 and x86_64/,
        ));
    it("rejects an unsupported Kubernetes version", () =>
        rejects(withCluster({ ...eks(), kubernetesVersion: "1.22" }), "cluster.kubernetesVersion", /EKS supports: 1\.33, 1\.34, 1\.35, 1\.36/));
    it("rejects an admin principal that is not an IAM role or user ARN", () =>
        rejects(withCluster({ ...eks(), adminPrincipalArns: ["platform-admins"] }), "cluster.adminPrincipalArns[0]", /ARN of an IAM role or user/));
    it("rejects an EKS cluster without node groups", () => rejects(withCluster({ ...eks(), nodeGroups: [] }), "cluster.nodeGroups", /at least one node group/));
    it("rejects a VPC in a single zone", () =>
        rejects(withCluster({ ...eks(), vpc: { availabilityZones: 1 } }), "cluster.vpc.availabilityZones", /at least 2/));
    // EC2 CreateVpc: "The allowed block size is between a /16 netmask and /28 netmask" (Amazon VPC user guide, VPC CIDR blocks).
    it("rejects a VPC block outside /16../28", () => {
        rejects(withCluster({ ...eks(), vpc: { cidrBlock: "10.0.0.0/8" } }), "cluster.vpc.cidrBlock", /netmask from \/16 to \/28/);
        rejects(withCluster({ ...eks(), vpc: { cidrBlock: "10.0.0.0/29" } }), "cluster.vpc.cidrBlock", /netmask from \/16 to \/28/);
    });
    it("rejects an endpoint with neither public nor private access", () =>
        rejects(
            withCluster({ ...eks(), endpoint: { publicAccess: false, privateAccess: false } }),
            "cluster.endpoint.privateAccess",
            /both false: nothing could reach/,
        ));
    it("rejects CIDRs for an endpoint that is not public (pulumi-eks 4.3.0 cluster.ts:708-716 throws on them)", () =>
        rejects(withCluster({ ...eks(), endpoint: { publicAccessCidrs: ["203.0.113.0/24"] } }), "cluster.endpoint.publicAccessCidrs", /publicAccess is false/));
    it("rejects a restricted public endpoint with the private one off: nodes could not join", () =>
        rejects(
            withCluster({ ...eks(), endpoint: { publicAccess: true, privateAccess: false, publicAccessCidrs: ["203.0.113.0/24"] } }),
            "cluster.endpoint.privateAccess",
            /could not join/,
        ));
    it("rejects a log retention CloudWatch does not offer", () =>
        rejects(withCluster({ ...eks(), logRetentionDays: 100 }), "cluster.logRetentionDays", /retention CloudWatch Logs accepts: 1, 3, 5/));
    it("rejects public-access CIDRs that add up to more than the bound, however split, and names the count", () => {
        const open = (cidrs: string[], bound?: number) =>
            withCluster({ ...eks(), endpoint: { publicAccess: true, publicAccessCidrs: cidrs, ...(bound ? { publicAccessWidestPrefix: bound } : {}) } });
        rejects(
            open(["0.0.0.0/1", "128.0.0.0/1"]),
            "cluster.endpoint.publicAccessCidrs",
            /cover 4,294,967,296 addresses together, more than one \/16 \(65,536\)/,
        );
        rejects(open(["10.0.0.0/16", "10.1.0.0/16"]), "cluster.endpoint.publicAccessCidrs", /cover 131,072 addresses/);
        // Overlaps count once: two /17 inside one /16 is a /16.
        const accepted = (change: (values: Record<string, any>) => void) => {
            const values = validValues();
            change(values);
            return parseStackConfig({ stack: "test", values, awsRegion: "us-east-1" });
        };
        assert.doesNotThrow(() => accepted(open(["10.0.0.0/16", "10.0.0.0/17", "10.0.128.0/17"])));
        assert.doesNotThrow(() => accepted(open(["10.0.0.0/16", "10.1.0.0/16"], 15)));
        rejects(open(["10.0.0.0/8"], 4), "cluster.endpoint.publicAccessWidestPrefix", /at least 8/);
    });
    it("rejects a CIDR block with host bits set, naming the block it means", () => {
        rejects(
            withCluster({ ...eks(), endpoint: { publicAccess: true, publicAccessCidrs: ["1.1.1.1/0"] } }),
            "cluster.endpoint.publicAccessCidrs[0]",
            /host bits set: '1\.1\.1\.1\/0' is the block 0\.0\.0\.0\/0/,
        );
        rejects(withCluster({ ...eks(), vpc: { cidrBlock: "10.0.0.1/16" } }), "cluster.vpc.cidrBlock", /write it as 10\.0\.0\.0\/16/);
    });
    it("bounds node groups by the account's nodes-per-group quota (EKS default 450, adjustable), and says how to raise it", () => {
        const sized = (maxSize: number, quota?: number) =>
            withCluster({ ...eks(), nodeGroups: [{ ...eks().nodeGroups[0], maxSize }], ...(quota ? { nodesPerGroupQuota: quota } : {}) });
        rejects(
            sized(100000),
            "cluster.nodeGroups[0].maxSize",
            /100000 is above 450, the account's nodes per managed node group.*raise the quota and then cluster\.nodesPerGroupQuota/,
        );
        const values = validValues();
        sized(1000, 1000)(values);
        assert.doesNotThrow(() => parseStackConfig({ stack: "test", values, awsRegion: "us-east-1" }));
    });
    it("rejects more than 40 public-access CIDR blocks (EKS's limit, not adjustable)", () =>
        rejects(
            withCluster({ ...eks(), endpoint: { publicAccess: true, publicAccessCidrs: Array.from({ length: 41 }, (_, i) => `10.0.${i}.0/24`) } }),
            "cluster.endpoint.publicAccessCidrs",
            /at most 40/,
        ));
    it("rejects a malformed CIDR block", () => rejects(withCluster({ ...eks(), vpc: { cidrBlock: "10.0.0.0/33" } }), "cluster.vpc.cidrBlock", /IPv4 CIDR/));
    it("requires a tag or digest for a registry image on EKS", () =>
        rejects(
            (values) => {
                withCluster(eks())(values);
                delete values.apps[1].imageTag;
            },
            "apps[1].imageTag",
            /give imageTag or imageDigest/,
        ));
    it("rejects a kind node image without a pinned version", () =>
        rejects(withCluster({ type: "kind", nodeImage: "kindest/node" }), "cluster.nodeImage", /neither a tag nor a digest/));
    it("rejects two apps on the same node port", () =>
        rejects(
            (values) => {
                values.apps[0].nodePort = 30080;
                values.apps[1].nodePort = 30080;
            },
            "apps[1].nodePort",
            /already used by app 'web'/,
        ));
});
