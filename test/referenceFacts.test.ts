import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FACTS_DIR, referenceFacts, schemaStructure, valuesShape } from "../tools/referenceFacts";
import { REFERENCE_DIR, referenceAvailable } from "./harness/reference";

describe("reference facts", () => {
    it("keep every key path of a values tree and the kind of each value", () => {
        assert.deepEqual(valuesShape({ a: { b: "x", c: 3, d: true, e: null, f: [1, 2], g: {} } }), { a: { b: "", c: 0, d: false, e: null, f: [], g: {} } });
    });

    it("keep a schema's structure without its descriptions, but a property named description", () => {
        const schema = { description: "Spec", type: "object", properties: { description: { type: "string", description: "text" } }, required: ["description"] };
        assert.deepEqual(schemaStructure(schema), { type: "object", properties: { description: { type: "string" } }, required: ["description"] });
    });

    it("are current with the upstream reference data", function () {
        if (!referenceAvailable()) {
            console.log(`      (skipped: no reference data at ${REFERENCE_DIR}; set PLATFORM_REFERENCE_DIR to check the facts)`);
            this.skip();
        }
        for (const [path, text] of Object.entries(referenceFacts(REFERENCE_DIR))) {
            assert.equal(readFileSync(join(FACTS_DIR, path), "utf8"), text, `${path} is stale: run npm run reference-facts`);
        }
    });

    it("record that alertmanagerSpec.configSecret is declared only in a comment upstream", function () {
        if (!referenceAvailable()) {
            this.skip();
        }
        const values = readFileSync(join(REFERENCE_DIR, "charts/kube-prometheus-stack-88.5.3.values.yaml"), "utf8");
        assert.match(values, /^ {4}# configSecret:$/m);
    });
});
