import * as assert from "node:assert/strict";

import { fieldPathOf } from "../../offline/validation/fieldPaths";
import { unknownFieldProblems } from "../../offline/validation/knownFields";
import { loadModel } from "../../offline/validation/loadModel";
import { modelModule } from "../../offline/validation/modelModules";
import { schemaViolations } from "../../offline/validation/schemaViolations";

const manifest = (object: Record<string, unknown>) => ({ resource: { type: `kubernetes:${object.apiVersion}:${object.kind}`, name: "x" }, object });

const deployment = () => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "apps", labels: { app: "web" } },
    spec: {
        replicas: 2,
        selector: { matchLabels: { app: "web" } },
        template: {
            metadata: { labels: { app: "web" } },
            spec: { containers: [{ name: "web", image: "ghcr.io/acme/web:1.0.0", ports: [{ containerPort: 8080 }] }] },
        },
    },
});

describe("schema validation", () => {
    it("maps each API group to the package that has its schemas", () => {
        assert.equal(modelModule("v1", "Service"), "kubernetes-models/v1/Service");
        assert.equal(modelModule("apps/v1", "Deployment"), "kubernetes-models/apps/v1/Deployment");
        assert.equal(modelModule("source.toolkit.fluxcd.io/v1", "GitRepository"), "@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1/GitRepository");
        assert.equal(
            modelModule("monitoring.coreos.com/v1", "ServiceMonitor"),
            "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor",
        );
        assert.equal(modelModule("apps/v1", "../../x"), undefined);
    });

    it("loads the models of built-in, Flux and Prometheus Operator kinds, and nothing for unknown kinds", async () => {
        for (const [apiVersion, kind] of [
            ["apps/v1", "Deployment"],
            ["kustomize.toolkit.fluxcd.io/v1", "Kustomization"],
            ["monitoring.coreos.com/v1", "PrometheusRule"],
        ]) {
            assert.equal((await loadModel(apiVersion, kind))?.kind, kind);
        }
        assert.equal(await loadModel("example.com/v1", "Widget"), undefined);
        assert.equal(await loadModel("apps/v1", "DeploymentSpec"), undefined, "a nested type is not a kind");
    });

    it("passes a valid object", async () => {
        assert.deepEqual(await schemaViolations([manifest(deployment())]), []);
    });

    // etcd refuses requests above its --max-request-bytes, 1.5 MiB by default (etcd v3.7.1 server/embed/config.go:67).
    it("flags an object etcd could not store", async () => {
        const dashboard = {
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: { name: "d", namespace: "monitoring" },
            data: { "d.json": "x".repeat(1.5 * 1024 * 1024) },
        };
        const [violation] = await schemaViolations([manifest(dashboard)]);
        assert.match(violation.message, /^\(object\): is \d+ bytes; etcd stores at most 1572864/);
    });

    it("names the object and the field path of each schema violation", async () => {
        const broken = deployment() as any;
        broken.spec.replicas = "two";
        delete broken.spec.template.spec.containers[0].name;
        const violations = await schemaViolations([manifest(broken)]);
        assert.deepEqual(violations, [
            { check: "schema", object: "Deployment/apps/web", message: "spec.replicas: must be integer" },
            { check: "schema", object: "Deployment/apps/web", message: "spec.template.spec.containers[0]: must have required property name" },
        ]);
    });

    it("reports a kind without a known schema", async () => {
        const [violation] = await schemaViolations([manifest({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } })]);
        assert.deepEqual(violation, {
            check: "schema",
            object: "Widget/w",
            message: "no schema is known for apiVersion 'example.com/v1' kind 'Widget'; the plan cannot validate it",
        });
    });

    it("flags unknown fields of custom resources and metadata, suggesting the known one", async () => {
        const monitor = {
            apiVersion: "monitoring.coreos.com/v1",
            kind: "ServiceMonitor",
            metadata: { name: "web", lables: { app: "web" } },
            spec: { selector: { matchLabels: { app: "web" } }, endpoints: [{ port: "http", intervall: "30s" }] },
        };
        assert.deepEqual(unknownFieldProblems(monitor), [
            "metadata.lables: unknown field (did you mean 'labels'?)",
            "spec.endpoints[0].intervall: unknown field (did you mean 'interval'?)",
        ]);
        const messages = (await schemaViolations([manifest(monitor)])).map((v) => v.message);
        assert.ok(messages.includes("spec.endpoints[0].intervall: unknown field (did you mean 'interval'?)"), messages.join("\n"));
    });

    it("writes JSON pointers as field paths", () => {
        assert.equal(fieldPathOf("/spec/template/spec/containers/0/ports/1/containerPort"), "spec.template.spec.containers[0].ports[1].containerPort");
        assert.equal(fieldPathOf("/metadata/annotations/example.com~1hash"), "metadata.annotations.example.com/hash");
        assert.equal(fieldPathOf(""), "");
    });
});
