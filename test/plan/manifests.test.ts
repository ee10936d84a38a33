import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { loadAll } from "js-yaml";

import type { ResourceRecord } from "../../offline/evaluate";
import { kubernetesManifests, manifestOf, renderManifestsYaml } from "../../offline/plan/manifests";
import { kubernetesKind } from "../../policy/kubernetes/objects";

const secret = (value: unknown) => ({ [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value });

function record(type: string, name: string, inputs: Record<string, unknown>): ResourceRecord {
    return { type, name, parent: null, provider: null, dependsOn: [], protect: false, ignoreChanges: [], aliases: [], inputs };
}

describe("manifests", () => {
    it("reads apiVersion and kind from the type token, core group included", () => {
        assert.deepEqual(kubernetesKind("kubernetes:apps/v1:Deployment"), { apiVersion: "apps/v1", kind: "Deployment" });
        assert.deepEqual(kubernetesKind("kubernetes:core/v1:Service"), { apiVersion: "v1", kind: "Service" });
        assert.deepEqual(kubernetesKind("kubernetes:monitoring.coreos.com/v1:ServiceMonitor"), {
            apiVersion: "monitoring.coreos.com/v1",
            kind: "ServiceMonitor",
        });
    });

    it("leaves out what is not one object: Helm releases and charts, YAML groups, patches, providers, other clouds", () => {
        for (const type of [
            "kubernetes:helm.sh/v3:Release",
            "kubernetes:helm.sh/v4:Chart",
            "kubernetes:yaml/v2:ConfigGroup",
            "kubernetes:apps/v1:DeploymentPatch",
            "pulumi:providers:kubernetes",
            "eks:index:Cluster",
            "awsx:ec2:Vpc",
            "aws:ecr/repository:Repository",
            "platform:index:Platform",
        ]) {
            assert.equal(kubernetesKind(type), undefined, type);
        }
    });

    it("builds each object from the inputs, apiVersion and kind first", () => {
        const manifest = manifestOf(
            record("kubernetes:core/v1:ConfigMap", "web-config", { kind: "ConfigMap", apiVersion: "v1", metadata: { name: "web-config" }, data: { A: "1" } }),
        );
        assert.deepEqual(Object.keys(manifest!.object), ["apiVersion", "kind", "metadata", "data"]);
        assert.deepEqual(manifest!.object, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "web-config" }, data: { A: "1" } });
    });

    it("redacts secrets leaf by leaf, so a Secret keeps its keys (data stays base64)", () => {
        const manifest = manifestOf(
            record("kubernetes:core/v1:Secret", "api", {
                metadata: { name: "api" },
                stringData: secret({ API_KEY: secret("s3cr3t-value") }),
                data: secret({ TOKEN: "dG9rZW4=" }),
            }),
        );
        assert.deepEqual(manifest!.object.stringData, { API_KEY: "[secret]" });
        assert.deepEqual(manifest!.object.data, { TOKEN: Buffer.from("[secret]").toString("base64") });
    });

    it("renders one YAML document per object, headed by its Pulumi resource", () => {
        const manifests = kubernetesManifests([
            record("kubernetes:core/v1:Namespace", "apps", { metadata: { name: "apps" } }),
            record("kubernetes:helm.sh/v3:Release", "monitoring", { chart: "kube-prometheus-stack" }),
            record("kubernetes:core/v1:ConfigMap", "script", { metadata: { name: "script" }, data: { "run.sh": "set -eu\necho ok\n" } }),
        ]);
        const text = renderManifestsYaml(manifests);
        const documents = loadAll(text) as any[];
        assert.deepEqual(
            documents.map((d) => d.kind),
            ["Namespace", "ConfigMap"],
        );
        assert.equal(documents[1].data["run.sh"], "set -eu\necho ok\n");
        assert.match(text, /^---\n# kubernetes:core\/v1:Namespace::apps\n/);
    });
});
