import * as assert from "node:assert/strict";

import { mockOutputs } from "../../offline/mockOutputs";

describe("mock outputs", () => {
    it("give every AWS resource an ARN and nothing to other resources", () => {
        assert.deepEqual(mockOutputs("aws:ec2/securityGroup:SecurityGroup", "web", {}), { arn: "arn:aws:ec2:us-east-1:123456789012:web" });
        assert.deepEqual(mockOutputs("kubernetes:core/v1:Secret", "x", {}), {});
    });

    it("supply what the program reads from remote components and computed properties", () => {
        assert.equal(
            mockOutputs("aws:ecr/repository:Repository", "api", { name: "prod/api" }).repositoryUrl,
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/prod/api",
        );
        assert.equal(typeof mockOutputs("eks:index:Cluster", "eks", { name: "platform-prod" }).kubeconfigJson, "string");
    });

    it("keep the kind cluster's instance when only its create script changes, and change it with the triggers (pulumi-command common/inputs.go:9-10)", () => {
        const instance = (inputs: Record<string, unknown>) => mockOutputs("command:local:Command", "kind-cluster", inputs).stdout;
        const base = { create: "kind create cluster", stdin: "nodes: 2", triggers: ["nodes: 2"] };
        assert.equal(instance({ ...base, create: "check the kind version; kind create cluster" }), instance(base));
        assert.notEqual(instance({ ...base, stdin: "nodes: 3", triggers: ["nodes: 3"] }), instance(base));
    });
});
