// The real-cluster tier's suite for one plan: its objects, and every object its Helm
// releases render through the real charts, applied to a real kube-apiserver (with
// controller-manager, scheduler and kwok's fake nodes) in the order `pulumi up` creates
// them, applied again to find perpetual diffs, and deleted in reverse. One spec file per
// plan, so `npm run test:cluster` runs two plans at a time, each on its own control plane.
import { strict as assert } from "node:assert";
import { existsSync } from "node:fs";
import { join } from "node:path";

import { MUTANTS, runOracle } from "./configRejects";
import { clusterAssets, ControlPlane, startControlPlane } from "./controlPlane";
import { crdOrderingGaps } from "./declaredOrder";
import { referenceCharts, type RenderContext } from "./helmTemplate";
import { KubeApi, KubeObject } from "./kubeApi";
import { hookEvents, plannedUnits, Unit } from "./plannedObjects";
import { Applied, applyUnit, deleteAll, reapplyChanges, until } from "./rollout";
import { FakeNode, FIRST_NODE, kubeVersionOf, nodesOf, Variant } from "./variants";
import { deleteStandInVolumes } from "./volumes";

const assets = clusterAssets();
const chartsPresent = existsSync(referenceCharts());
/** The plan the config-rejects oracle mutates (test/harness/fixtures.ts validValues). */
const ORACLE_VARIANT = "existing cluster";

export function describePlanOnServer(variant: Variant): void {
    describe(`the ${variant.name} plan on a real API server`, function () {
        let plane: ControlPlane;
        let api: KubeApi;
        let units: Unit[];
        let renderContext: RenderContext;
        const applied: Applied[] = [];
        const counts: string[] = [];

        before(async function () {
            if (!assets) {
                throw new Error("PLATFORM_CLUSTER_ASSETS is not set: run `npm run test:cluster`, which builds the control plane first");
            }
            if (!chartsPresent) {
                console.log(
                    `  charts skipped: ${referenceCharts()} is absent (a clone without ../shared); the releases are not rendered, the program's own objects still are applied`,
                );
            }
            const resources = (await variant.plan()).all;
            plane = await startControlPlane(assets!);
            api = await KubeApi.fromFile(plane.kubeconfig);
            await addNodes(api, nodesOf(resources));
            const kubeVersion = kubeVersionOf(resources);
            const helm = join(assets!, "bin", "helm");
            const releasesSkipped = chartsPresent ? resources : resources.filter((record) => !record.type.startsWith("kubernetes:helm.sh/"));
            renderContext = { helm, kubeVersion, apiVersions: await api.apiVersions() };
            units = await plannedUnits(releasesSkipped, renderContext);
            if (!chartsPresent) {
                // Without the charts, no release installs its CRDs: objects of those kinds wait for them.
                const served = new Set(renderContext.apiVersions);
                const unserved = units.flatMap((unit) => unit.objects).filter((object) => !served.has(`${object.apiVersion}/${object.kind}`));
                units = units.map((unit) => ({ ...unit, objects: unit.objects.filter((object) => !unserved.includes(object)) }));
                counts.push(
                    `  ${variant.name}: ${unserved.length} objects of custom kinds left out with the charts (${[...new Set(unserved.map((object) => object.kind))].join(", ")})`,
                );
            }
            this.resources = resources;
        });
        after(async () => {
            counts.forEach((line) => console.log(line));
            await plane?.stop();
        });

        it("declares every CRD before the objects of its kinds", function () {
            assert.deepEqual(crdOrderingGaps(this.resources, units), []);
        });

        it("has every object accepted, in the order `pulumi up` creates them, and every workload ready", async function () {
            for (const unit of units) {
                applied.push(await applyUnit(api, unit));
            }
        });

        if (variant.name === ORACLE_VARIANT) {
            it(`refuses in the plan whatever the API server would refuse (${MUTANTS.length} configs at the schema's edges)`, async function () {
                const results = await runOracle(api, renderContext);
                const refusedByPlan = results.filter((result) => result.outcome === "refused by the plan").length;
                counts.push(
                    `  config-rejects oracle: ${results.length} configs, ${refusedByPlan} refused by the plan, ${results.length - refusedByPlan} accepted by the plan and the API server`,
                );
                assert.deepEqual(
                    results.filter((result) => result.outcome === "refused by the API server").map((result) => `${result.mutant}: ${result.detail}`),
                    [],
                );
            });
        }

        it("changes nothing on a second apply", async function () {
            assert.deepEqual(await reapplyChanges(api, applied), []);
        });

        it("deletes everything in reverse order, every namespace terminated", async function () {
            const { deleted, recreated } = await deleteAll(api, applied);
            await deleteStandInVolumes(api);
            await until("the platform's namespaces terminated", async () => (await leftoverNamespaces(api, applied)).length === 0);
            const appliedCount = applied.reduce((sum, item) => sum + item.objects.length, 0);
            const heldBack = applied.flatMap((item) => item.heldBack);
            counts.push(
                `  ${variant.name}: ${appliedCount} objects applied and accepted, ${deleted} deleted, ${heldBack.length} held back (${summarizeHeldBack(heldBack)})${recreated.length ? `; written again after deletion by a controller: ${recreated.join(", ")}` : ""}`,
            );
            assert.equal(deleted, appliedCount);
        });
    });
}

/** Labels the harness's node and adds the rest, annotated so kwok runs them too; all Ready before the plan. */
async function addNodes(api: KubeApi, nodes: readonly FakeNode[]): Promise<void> {
    for (const node of nodes) {
        const labels = { ...node.labels, "kubernetes.io/hostname": node.name, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64" };
        await api.apply({ apiVersion: "v1", kind: "Node", metadata: { name: node.name, labels, annotations: { "kwok.x-k8s.io/node": "fake" } } });
    }
    for (const node of nodes.filter((candidate) => candidate.name !== FIRST_NODE)) {
        await until(`node ${node.name} Ready`, async () => {
            const live = await api.get({ apiVersion: "v1", kind: "Node", metadata: { name: node.name } });
            return ((live?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some(
                (c) => c.type === "Ready" && c.status === "True",
            );
        });
    }
}

async function leftoverNamespaces(api: KubeApi, applied: readonly Applied[]): Promise<string[]> {
    const ours = new Set(
        applied
            .flatMap((item) => item.objects)
            .filter((object) => object.kind === "Namespace")
            .map((object) => object.metadata.name),
    );
    return (await api.list("v1", "Namespace")).map((namespace) => namespace.metadata.name).filter((name) => ours.has(name));
}

function summarizeHeldBack(objects: readonly KubeObject[]): string {
    const byKind = new Map<string, number>();
    objects.forEach((object) => {
        const key = hookEvents(object).length > 0 ? `${object.kind} hook (${hookEvents(object).join(", ")})` : object.kind;
        byKind.set(key, (byKind.get(key) ?? 0) + 1);
    });
    return [...byKind].map(([kind, count]) => `${count} ${kind}`).join(", ") || "none";
}
