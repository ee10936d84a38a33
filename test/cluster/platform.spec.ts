// The real-cluster tier: each plan's objects, and every object its Helm releases render
// through the real charts, applied to a real kube-apiserver (with controller-manager,
// scheduler and kwok's fake node) in the order `pulumi up` creates them, applied again to
// find perpetual diffs, and deleted in reverse. Run with `npm run test:cluster`.
import { strict as assert } from "node:assert";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { clusterAssets, ControlPlane, startControlPlane } from "./lib/controlPlane";
import { crdOrderingGaps } from "./lib/declaredOrder";
import { referenceCharts } from "./lib/helmTemplate";
import { KubeApi, KubeObject } from "./lib/kubeApi";
import { plannedUnits, Unit } from "./lib/plannedObjects";
import { Applied, applyUnit, deleteAll, reapplyChanges, until } from "./lib/rollout";
import { FakeNode, FIRST_NODE, kubeVersionOf, nodesOf, VARIANTS } from "./lib/variants";
import { deleteStandInVolumes } from "./lib/volumes";

const assets = clusterAssets();
const chartsPresent = existsSync(referenceCharts());
const counts: string[] = [];

describe("the plans on a real API server", function () {
    before(function () {
        if (!assets) {
            throw new Error("PLATFORM_CLUSTER_ASSETS is not set: run `npm run test:cluster`, which builds the control plane first");
        }
        if (!chartsPresent) {
            console.log(`  charts skipped: ${referenceCharts()} is absent (a clone without ../shared); the releases are not rendered, the program's own objects still are applied`);
        }
    });
    after(() => counts.forEach((line) => console.log(line)));

    for (const variant of VARIANTS) {
        describe(variant.name, function () {
            let plane: ControlPlane;
            let api: KubeApi;
            let units: Unit[];
            const applied: Applied[] = [];

            before(async function () {
                const resources = (await variant.plan()).all;
                plane = await startControlPlane(assets!);
                api = await KubeApi.fromFile(plane.kubeconfig);
                await addNodes(api, nodesOf(resources));
                const kubeVersion = kubeVersionOf(resources);
                const helm = join(assets!, "bin", "helm");
                const releasesSkipped = chartsPresent ? resources : resources.filter((record) => record.type !== "kubernetes:helm.sh/v3:Release");
                units = await plannedUnits(releasesSkipped, async () => ({ helm, kubeVersion, apiVersions: await api.apiVersions() }));
                this.resources = resources;
            });
            after(async () => plane?.stop());

            it("declares every CRD before the objects of its kinds", function () {
                assert.deepEqual(crdOrderingGaps(this.resources, units), []);
            });

            it("has every object accepted, in the order `pulumi up` creates them, and every workload ready", async function () {
                for (const unit of units) {
                    applied.push(await applyUnit(api, unit));
                }
            });

            it("changes nothing on a second apply", async function () {
                assert.deepEqual(await reapplyChanges(api, applied), []);
            });

            it("deletes everything in reverse order, every namespace terminated", async function () {
                const { deleted, recreated } = await deleteAll(api, applied);
                await deleteStandInVolumes(api);
                await until("the platform's namespaces terminated", async () => (await leftoverNamespaces(api, applied)).length === 0);
                const appliedCount = applied.reduce((sum, item) => sum + item.objects.length, 0);
                const heldBack = applied.flatMap((item) => item.heldBack);
                counts.push(`  ${variant.name}: ${appliedCount} objects applied and accepted, ${deleted} deleted, ${heldBack.length} held back (${summarizeHeldBack(heldBack)})${recreated.length ? `; written again after deletion by a controller: ${recreated.join(", ")}` : ""}`);
                assert.equal(deleted, appliedCount);
            });
        });
    }
});

/** Labels the harness's node and adds the rest, annotated so kwok runs them too; all Ready before the plan. */
async function addNodes(api: KubeApi, nodes: readonly FakeNode[]): Promise<void> {
    for (const node of nodes) {
        const labels = { ...node.labels, "kubernetes.io/hostname": node.name, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64" };
        await api.apply({ apiVersion: "v1", kind: "Node", metadata: { name: node.name, labels, annotations: { "kwok.x-k8s.io/node": "fake" } } });
    }
    for (const node of nodes.filter((candidate) => candidate.name !== FIRST_NODE)) {
        await until(`node ${node.name} Ready`, async () => {
            const live = await api.get({ apiVersion: "v1", kind: "Node", metadata: { name: node.name } });
            return ((live?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
        });
    }
}

async function leftoverNamespaces(api: KubeApi, applied: readonly Applied[]): Promise<string[]> {
    const ours = new Set(applied.flatMap((item) => item.objects).filter((object) => object.kind === "Namespace").map((object) => object.metadata.name));
    return (await api.list("v1", "Namespace")).map((namespace) => namespace.metadata.name).filter((name) => ours.has(name));
}

function summarizeHeldBack(objects: readonly KubeObject[]): string {
    const byKind = new Map<string, number>();
    objects.forEach((object) => byKind.set(object.kind, (byKind.get(object.kind) ?? 0) + 1));
    return [...byKind].map(([kind, count]) => `${count} ${kind}`).join(", ") || "none";
}

