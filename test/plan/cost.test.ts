import * as assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { estimateCost, vcpusOf } from "../../offline/cost/estimate";
import PRICES from "../../offline/cost/prices.json";
import { runPlan } from "../../offline/plan/runPlan";
import { PROJECT_ROOT } from "../harness/evaluateStack";

const HOURS = 730;
const price = (item: string) => PRICES.prices.find((entry) => entry.item === item)!.usd;
const ec2 = (type: string) => (PRICES.ec2OnDemand.usdPerHour as Record<string, number>)[type];
const round = (usd: number) => Math.round(usd * 100) / 100;

describe("cost estimate", () => {
    let dir: string;
    before(() => (dir = mkdtempSync(join(tmpdir(), "plan-cost-"))));
    after(() => rmSync(dir, { recursive: true, force: true }));

    it("records the region, date and source of every price", () => {
        for (const entry of [...PRICES.prices, PRICES.ec2OnDemand]) {
            assert.ok(entry.region && /^\d{4}-\d{2}-\d{2}$/.test(entry.asOf) && entry.source.length > 20, JSON.stringify(entry).slice(0, 80));
        }
    });

    it("prices the default prod stack item by item from the table", async () => {
        const { cost } = await runPlan({ projectRoot: PROJECT_ROOT, stack: "prod", outDir: join(dir, "prod") });
        const monthly = (name: string) => cost.items.find((item) => item.item === name)?.monthlyUsd;
        assert.equal(cost.region, "us-east-1");
        assert.equal(monthly("EKS control plane"), round(price("eks-control-plane") * HOURS));
        assert.equal(monthly("NAT gateways"), round(price("nat-gateway") * HOURS * 3), "one per zone, three zones");
        assert.equal(monthly("NAT gateways' public IPv4 addresses"), round(price("public-ipv4") * HOURS * 3));
        const nodes = cost.items.find((item) => item.item === "node group general (m7i.xlarge)")!;
        assert.deepEqual([nodes.quantity, nodes.monthlyUsd, nodes.ceilingUsd], [3, round(ec2("m7i.xlarge") * HOURS * 3), round(ec2("m7i.xlarge") * HOURS * 6)]);
        assert.equal(monthly("node group general root volumes (gp3)"), round(price("ebs-gp3") * 150), "3 nodes x 50 GiB");
        assert.equal(monthly("volume health-check-data (gp3)"), round(price("ebs-gp3") * 5));
        assert.deepEqual(
            cost.items
                .filter((item) => item.item.startsWith("volume ") && item.item.includes("kube-prometheus-stack"))
                .map((item) => item.quantity)
                .sort((a, b) => a - b),
            [5, 50],
            "Alertmanager's and Prometheus' volume claim templates",
        );
        assert.equal(monthly("KMS key secrets-key"), price("kms-key"));
        const known = cost.items.reduce((total, item) => total + (item.monthlyUsd ?? 0), 0);
        assert.equal(cost.monthlyUsd, round(known));
    });

    it("lists usage-priced items as unknown, never as zero", async () => {
        const { cost } = await runPlan({ projectRoot: PROJECT_ROOT, stack: "prod", outDir: join(dir, "prod2") });
        assert.ok(cost.unknown.includes("NAT data processing"));
        assert.ok(cost.unknown.some((item) => item.startsWith("log group /aws/eks/platform-prod/cluster")));
        for (const name of cost.unknown) {
            assert.equal(cost.items.find((item) => item.item === name)!.monthlyUsd === 0, false, name);
        }
    });

    it("lists what the table has no price for in another region as unknown", async () => {
        const { cost } = await runPlan({ projectRoot: PROJECT_ROOT, stack: "prod", outDir: join(dir, "prod3"), extraConfig: { "aws:region": "eu-west-1" } });
        assert.equal(cost.items.find((item) => item.item === "node group general (m7i.xlarge)")!.monthlyUsd, null);
        assert.equal(cost.items.find((item) => item.item === "EKS control plane")!.monthlyUsd, round(0.1 * HOURS), "the same in every region");
        assert.match(cost.summary, /no price for eu-west-1/);
    });

    it("costs a kind stack nothing, and says so", async () => {
        const { cost, report } = await runPlan({ projectRoot: PROJECT_ROOT, stack: "dev", outDir: join(dir, "dev") });
        assert.deepEqual([cost.monthlyUsd, cost.items], [0, []]);
        assert.match(report, /Estimated cost: \$0 a month: the cluster is local \(kind\)/);
    });

    it("takes the ceiling of a Karpenter NodePool from its CPU limit and the dearest allowed family", () => {
        const nodePool = {
            type: "kubernetes:karpenter.sh/v1:NodePool",
            name: "default",
            parent: null,
            provider: null,
            dependsOn: [],
            protect: false,
            inputs: { spec: { limits: { cpu: 100 }, template: { spec: { requirements: [{ key: "karpenter.k8s.aws/instance-family", values: ["m7i"] }] } } } },
        };
        const eks = { type: "eks:index:Cluster", name: "eks", parent: null, provider: null, dependsOn: [], protect: false, inputs: {} };
        const [, pool] = estimateCost([eks, nodePool], "us-east-1").items;
        const perVcpu = Math.max(
            ...Object.entries(PRICES.ec2OnDemand.usdPerHour as Record<string, number>)
                .filter(([t]) => t.startsWith("m7i."))
                .map(([t, usd]) => usd / vcpusOf(t)!),
        );
        assert.deepEqual([pool.monthlyUsd, pool.ceilingUsd], [0, round(perVcpu * HOURS * 100)]);
        assert.deepEqual(["m7i.large", "m7i.4xlarge", "t3.medium", "c6i.medium"].map(vcpusOf), [2, 16, 2, 1]);
    });
});
