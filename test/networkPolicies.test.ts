import * as assert from "node:assert/strict";

import { evaluateConfig, evaluateStackFile, Resources } from "./harness/evaluateStack";
import { validValues } from "./harness/fixtures";

const POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const METADATA = "169.254.169.254/32";
const spec = (resources: Resources, name: string) => resources.get(POLICY, name).inputs.spec as any;
const namespace = (name: string) => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": name } } });

describe("network policies", () => {
    let dev: Resources;
    let prod: Resources;
    before(async () => {
        dev = await evaluateStackFile("dev", { "platform:externalIntegrationKey": "k" });
        prod = await evaluateStackFile("prod");
    });

    // The default stacks' team namespaces: those of the seeds' services and the GitOps tree's.
    const TEAM_NAMESPACES = ["backend-namespace", "data-namespace", "health-namespace", "helloworld"];

    it("denies all ingress and egress in every app namespace by default, on both stacks", () => {
        for (const [stack, resources] of [
            ["dev", dev],
            ["prod", prod],
        ] as const) {
            for (const name of TEAM_NAMESPACES) {
                const deny = resources.get(POLICY, `${name}-default-deny`).inputs as any;
                assert.deepEqual([deny.metadata.name, deny.metadata.namespace], ["default-deny", name], stack);
                assert.deepEqual(deny.spec, { podSelector: {}, policyTypes: ["Ingress", "Egress"] }, stack);
                assert.equal((resources.get(POLICY, `${name}-allow-dns`).inputs as any).metadata.namespace, name, stack);
            }
        }
    });

    it("lets every pod of the namespace resolve names through CoreDNS in kube-system, and nothing more", () => {
        assert.deepEqual(spec(dev, "backend-namespace-allow-dns"), {
            podSelector: {},
            policyTypes: ["Egress"],
            egress: [
                {
                    to: [{ ...namespace("kube-system"), podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
                    ports: [
                        { port: 53, protocol: "UDP" },
                        { port: 53, protocol: "TCP" },
                    ],
                },
            ],
        });
    });

    it("lets apps reach only addresses outside the cluster, never the instance metadata service", () => {
        assert.deepEqual(spec(dev, "backend-api").egress, [{ to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.244.0.0/16", METADATA] } }] }]);
        // On EKS the pods' IPs are VPC addresses (VPC CNI): the VPC is the cluster.
        assert.deepEqual(spec(prod, "backend-api").egress, [{ to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.40.0.0/16", METADATA] } }] }]);
    });

    it("lets the health check reach its targets' pods on their container port, and nothing else", () => {
        const check = spec(dev, "health-check");
        assert.deepEqual(check.podSelector, { matchLabels: { app: "health-check", env: "dev" } });
        assert.deepEqual(check.policyTypes, ["Ingress", "Egress"]);
        assert.equal(check.ingress, undefined, "a job serves nothing");
        assert.deepEqual(check.egress, [
            {
                to: [{ ...namespace("backend-namespace"), podSelector: { matchLabels: { app: "backend-api", env: "dev" } } }],
                ports: [{ port: 9898, protocol: "TCP" }],
            },
            {
                to: [{ ...namespace("data-namespace"), podSelector: { matchLabels: { app: "data-api", env: "dev" } } }],
                ports: [{ port: 9898, protocol: "TCP" }],
            },
        ]);
        // The check runs in its own team's namespace: each target admits it from there.
        for (const target of ["backend-api", "data-api"]) {
            assert.deepEqual(
                spec(dev, target).ingress[0].from[1],
                { ...namespace("health-namespace"), podSelector: { matchLabels: { app: "health-check", env: "dev" } } },
                target,
            );
        }
    });

    it("admits a health check of another namespace at its targets, and sets the baseline in both namespaces", async () => {
        const values = validValues();
        values.jobs[0].namespace = "checks";
        const resources = await evaluateConfig(values);
        assert.deepEqual(spec(resources, "web").ingress[0].from, [
            { podSelector: {} },
            { ...namespace("checks"), podSelector: { matchLabels: { app: "health-check", env: "test" } } },
        ]);
        assert.ok(resources.find(POLICY, "checks-default-deny") && resources.find(POLICY, "apps-default-deny"));
    });

    it("lets a job that is not a health check connect outside the cluster only", async () => {
        const values = validValues();
        values.jobs = [{ name: "report", image: "curlimages/curl:8.11.1", schedule: "@daily" }];
        const resources = await evaluateConfig(values);
        assert.deepEqual(spec(resources, "report").egress, [{ to: [{ ipBlock: { cidr: "0.0.0.0/0", except: [METADATA] } }] }]);
    });
});
