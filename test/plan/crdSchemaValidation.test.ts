// The offline plan validates kinds that no kubernetes-models package covers against the CRD
// schemas the add-ons declare (`crdSchemas`), and kinds whose package is older than the CRD
// against both; a kind with neither is still a violation.
import * as assert from "node:assert/strict";

import { ADDONS } from "../../components/addons";
import { crdSchemaFiles, crdSchemaOf } from "../../offline/validation/crdSchemas";
import { schemaProblems } from "../../offline/validation/schemaViolations";

const schedule = (spec: Record<string, unknown>) => ({ apiVersion: "velero.io/v1", kind: "Schedule", metadata: { name: "daily", namespace: "velero" }, spec });

describe("offline validation against declared CRD schemas", () => {
    it("collects the declared kinds from every add-on, each with a schema facts file", () => {
        const files = crdSchemaFiles(ADDONS);
        assert.equal(files.get("velero.io/Schedule"), "velero.io_schedules");
        for (const key of files.keys()) {
            const [group, kind] = key.split("/");
            assert.ok(crdSchemaOf(`${group}/v1`, kind) ?? crdSchemaOf(`${group}/v1beta1`, kind), key);
        }
    });

    it("validates a kind without a model package against its CRD: required fields, types, unknown fields", () => {
        const schema = crdSchemaOf("velero.io/v1", "Schedule");
        assert.ok(schema);
        assert.deepEqual(schemaProblems(schedule({ schedule: "0 3 * * *", template: { ttl: "24h0m0s" } }), undefined, schema), []);
        assert.deepEqual(schemaProblems(schedule({ template: { ttl: 24, snapshotVolume: true } }), undefined, schema), [
            "spec.schedule: is required",
            "spec.template.ttl: must be a string",
            "spec.template.snapshotVolume: unknown field (the API server would drop it)",
        ]);
    });

    it("reports a kind with neither a model nor a declared schema, or a version the CRD does not serve", () => {
        assert.equal(crdSchemaOf("velero.io/v2", "Schedule"), undefined);
        assert.equal(crdSchemaOf("example.com/v1", "Widget"), undefined);
        assert.match(schemaProblems({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } }, undefined, undefined)[0], /no schema is known/);
    });
});
