import * as assert from "node:assert/strict";
import { mockOutputs } from "../../offline/mockOutputs";

describe("mock outputs", () => {
    it("give every AWS resource an ARN and nothing to other resources", () => {
        assert.deepEqual(mockOutputs("aws:ec2/securityGroup:SecurityGroup", "web", {}), { arn: "arn:aws:ec2:us-east-1:123456789012:web" });
        assert.deepEqual(mockOutputs("kubernetes:core/v1:Secret", "x", {}), {});
    });

    it("supply what the program reads from remote components and computed properties", () => {
        assert.equal(mockOutputs("aws:ecr/repository:Repository", "api", { name: "prod/api" }).repositoryUrl, "123456789012.dkr.ecr.us-east-1.amazonaws.com/prod/api");
        assert.equal(typeof mockOutputs("eks:index:Cluster", "eks", { name: "platform-prod" }).kubeconfigJson, "string");
    });
});
