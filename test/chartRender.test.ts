// Every Helm release of both default plans rendered through its real chart at the pinned
// version (`helm template`, the values as the plan records them): the YAML parses, every
// object of a kind with a known schema validates, and what the platform asks of a chart
// is what the chart writes. Needs helm (built by test/cluster/build.sh, or on PATH) and
// the unpacked charts of ../shared/reference; skipped with one line without them.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { schemaViolations } from "../offline/validation/schemaViolations";
import { loadModel } from "../offline/validation/loadModel";
import { renderRelease, referenceCharts } from "./cluster/lib/helmTemplate";
import type { KubeObject } from "./cluster/lib/kubeApi";
import { kubeVersionOf } from "./cluster/lib/variants";
import { evaluateStackFile, Resources } from "./harness/evaluateStack";

const RELEASE = "kubernetes:helm.sh/v3:Release";
/** apiVersions of the Kubernetes API itself: the core group and the `*.k8s.io` groups, and apps, batch, autoscaling, policy. */
const BUILT_IN_GROUP = /^(v1|(apps|batch|autoscaling|policy)\/[^/]+|[a-z.]*k8s\.io\/[^/]+)$/;

/**
 * The object as the API server reads it: a null field is an unset one (a chart's `key: ~`
 * renders `imagePullPolicy:` with no value, which the server defaults).
 */
function withoutNulls(value: KubeObject): KubeObject {
    return JSON.parse(JSON.stringify(value, (_key, item: unknown) => (item === null ? undefined : item))) as KubeObject;
}

function findHelm(): string | undefined {
    const built = process.env.PLATFORM_CLUSTER_ASSETS && join(process.env.PLATFORM_CLUSTER_ASSETS, "bin", "helm");
    if (built && existsSync(built)) {
        return built;
    }
    try {
        return execFileSync("sh", ["-c", "command -v helm"], { encoding: "utf8" }).trim() || undefined;
    } catch {
        return undefined;
    }
}

describe("the releases rendered through the real charts", function () {
    const helm = findHelm();
    const rendered = new Map<string, Map<string, KubeObject[]>>();

    before(async function () {
        if (!helm || !existsSync(referenceCharts())) {
            console.log(`      skipped: ${!helm ? "no helm (run test/cluster/build.sh, or put helm on PATH)" : `no charts at ${referenceCharts()}`}`);
            this.skip();
        }
        this.timeout(120_000);
        const plans: Record<string, Resources> = {
            dev: await evaluateStackFile("dev", { "platform:externalIntegrationKey": "placeholder" }),
            prod: await evaluateStackFile("prod"),
        };
        for (const [stack, plan] of Object.entries(plans)) {
            const kubeVersion = kubeVersionOf(plan.all);
            const releases = new Map<string, KubeObject[]>();
            for (const release of plan.ofType(RELEASE)) {
                releases.set(release.name, await renderRelease(release, { helm: helm!, kubeVersion, apiVersions: [] }));
            }
            rendered.set(stack, releases);
        }
    });

    it("renders every release of dev and prod into objects (YAML Helm and the API server can read)", () => {
        for (const [stack, releases] of rendered) {
            for (const [name, objects] of releases) {
                assert.ok(objects.length > 0, `${stack}: ${name} renders no object`);
            }
        }
    });

    // Custom kinds are left to the cluster tier, where the API server checks them against
    // the CRDs the charts install (the generated models of some CRDs are stricter than the
    // CRD: Prometheus' embedded volumeClaimTemplate, for one).
    it("renders built-in objects that validate against the Kubernetes schemas", async () => {
        for (const [stack, releases] of rendered) {
            const manifests = [...releases].flatMap(([name, objects]) => objects.map((object) => ({ resource: { type: RELEASE, name }, object: withoutNulls(object) })));
            const known = [];
            for (const manifest of manifests) {
                const { apiVersion, kind } = manifest.object;
                if (BUILT_IN_GROUP.test(apiVersion) && (await loadModel(apiVersion, kind))) {
                    known.push(manifest);
                }
            }
            assert.deepEqual((await schemaViolations(known)).map((violation) => `${stack}: ${violation.object} ${violation.message}`), []);
        }
    });

    it("gives Alloy read access to pods, their logs and namespaces, and nothing else (templates/rbac.yaml:46-49, alloy helm-chart/1.11.1)", () => {
        for (const [stack, releases] of rendered) {
            const clusterRole = releases.get("logs-alloy")!.find((object) => object.kind === "ClusterRole")!;
            const rules = (clusterRole.rules as { apiGroups: string[]; resources: string[]; verbs: string[] }[]).flatMap((rule) =>
                rule.resources.map((resource) => `${rule.apiGroups.join(",")}/${resource}:${rule.verbs.join(",")}`),
            );
            assert.deepEqual(rules.sort(), ["/namespaces:get,list,watch", "/pods/log:get,list,watch", "/pods:get,list,watch"], stack);
        }
    });

    // The program's ServiceMonitor stands in for the chart's (off, karpenter v1.14.1 servicemonitor.yaml:1).
    it("points Karpenter's ServiceMonitor at the metrics Service the chart renders", async () => {
        const plan = await evaluateStackFile("prod");
        const monitor = plan.get("kubernetes:monitoring.coreos.com/v1:ServiceMonitor", "karpenter-service-monitor").inputs as any;
        const objects = rendered.get("prod")!.get("karpenter-controller")!;
        assert.deepEqual(objects.filter((object) => object.kind === "ServiceMonitor"), [], "the chart renders none of its own");
        const selected = objects.filter(
            (object) =>
                object.kind === "Service" &&
                Object.entries(monitor.spec.selector.matchLabels).every(([label, value]) => (object.metadata as any).labels?.[label] === value) &&
                monitor.spec.namespaceSelector.matchNames.includes((object.metadata as any).namespace),
        );
        assert.equal(selected.length, 1, "selects exactly the chart's Service");
        assert.ok(((selected[0].spec as any).ports as { name: string }[]).some((port) => port.name === monitor.spec.endpoints[0].port));
    });
});
