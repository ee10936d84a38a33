import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { karpenterIamFacts } from "../tools/cloudFormationFacts";
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

    it("read CloudFormation's short forms as the placeholders they stand for, and its JSON policy text as a document", () => {
        const template = [
            "Resources:",
            '  P: {Type: AWS::IAM::ManagedPolicy, Properties: {PolicyDocument: !Sub \'{"Statement": [{"Resource": "arn:${AWS::Partition}:x"}]}\'}}',
            "  Q: {Type: AWS::SQS::QueuePolicy, Properties: {PolicyDocument: {Statement: [{Resource: !GetAtt Queue.Arn, Condition: {Bool: {x: false}}}]}}}",
            "  R: {Type: AWS::Events::Rule, Properties: {EventPattern: {source: [aws.ec2]}, Targets: [{Arn: !Ref Queue}]}}",
        ].join("\n");
        const source = { repository: "r", path: "p", tag: "t", commit: "c" };
        const facts = karpenterIamFacts(template, source);
        assert.deepEqual(JSON.parse(facts["karpenter-controller-policy.json"]), {
            source,
            policies: { P: { PolicyDocument: { Statement: [{ Resource: "arn:${AWS::Partition}:x" }] } } },
        });
        assert.deepEqual(JSON.parse(facts["karpenter-interruption.json"]), {
            source,
            queuePolicy: { PolicyDocument: { Statement: [{ Resource: "${Queue.Arn}", Condition: { Bool: { x: false } } }] } },
            rules: { R: { EventPattern: { source: ["aws.ec2"] } } },
        });
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
