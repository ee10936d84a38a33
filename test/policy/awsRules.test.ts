import * as assert from "node:assert/strict";

import { ecrImmutableTags, ecrScanOnPush } from "../../policy/rules/ecrRepositories";
import { eksPublicEndpointRestricted } from "../../policy/rules/eksPublicEndpoint";
import { eksSecretsEncryption } from "../../policy/rules/eksSecretsEncryption";
import { launchTemplateImdsHopLimit, launchTemplateImdsv2 } from "../../policy/rules/launchTemplateImds";
import { T } from "./fixtures";

const resource = (type: string, inputs: Record<string, unknown>) => ({ type, name: "main", inputs });

describe("policy: EKS, EC2 and ECR", () => {
    it("EKS: passes a cluster with a KMS key for secrets, fails one without", () => {
        assert.deepEqual(eksSecretsEncryption.check(resource(T.eksCluster, { encryptionConfigKeyArn: "arn:aws:kms:us-east-1:123456789012:key/1" })), []);
        assert.deepEqual(eksSecretsEncryption.check(resource(T.eksCluster, {})), [
            "encryptionConfigKeyArn is not set: Kubernetes Secrets would not be envelope-encrypted; give the cluster a KMS key ARN",
        ]);
    });

    it("launch templates: require IMDSv2", () => {
        assert.deepEqual(launchTemplateImdsv2.check(resource(T.launchTemplate, { metadataOptions: { httpTokens: "required" } })), []);
        assert.deepEqual(launchTemplateImdsv2.check(resource(T.launchTemplate, { metadataOptions: { httpTokens: "optional" } })), [
            'metadataOptions.httpTokens must be "required" (IMDSv2); found "optional"',
        ]);
        assert.match(launchTemplateImdsv2.check(resource(T.launchTemplate, {}))[0], /found none, which allows IMDSv1/);
    });

    it("ECR: passes a repository that scans on push with immutable tags, on both the AWS and awsx types", () => {
        const hardened = { imageScanningConfiguration: { scanOnPush: true }, imageTagMutability: "IMMUTABLE" };
        for (const type of [T.ecrRepository, T.awsxRepository]) {
            assert.deepEqual([...ecrScanOnPush.check(resource(type, hardened)), ...ecrImmutableTags.check(resource(type, hardened))], [], type);
        }
    });

    it("ECR: fails a repository without scanning or with mutable tags", () => {
        const lax = resource(T.ecrRepository, { imageScanningConfiguration: { scanOnPush: false }, imageTagMutability: "MUTABLE" });
        assert.deepEqual(ecrScanOnPush.check(lax), ["imageScanningConfiguration.scanOnPush must be true"]);
        assert.deepEqual(ecrImmutableTags.check(lax), ['imageTagMutability must be "IMMUTABLE"; found "MUTABLE"']);
        assert.match(ecrImmutableTags.check(resource(T.awsxRepository, {}))[0], /found none \(ECR defaults to MUTABLE\)/);
    });

    it("EKS: refuses a public endpoint open to everyone, naming publicAccessCidrs", () => {
        assert.deepEqual(eksPublicEndpointRestricted.check(resource(T.eksCluster, { endpointPublicAccess: false })), []);
        assert.deepEqual(eksPublicEndpointRestricted.check(resource(T.eksCluster, { endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] })), []);
        const splits = [["0.0.0.0/1", "128.0.0.0/1"], ["1.1.1.1/0"], ["::/1", "8000::/1"], ["10.0.0.0/7"], ["not-a-cidr"]];
        for (const open of [
            { endpointPublicAccess: true },
            { publicAccessCidrs: ["10.0.0.0/8", "0.0.0.0/0"] },
            ...splits.map((publicAccessCidrs) => ({ publicAccessCidrs })),
        ]) {
            assert.match(
                eksPublicEndpointRestricted.check(resource(T.eksCluster, open))[0],
                /^publicAccessCidrs opens the public API endpoint to the whole internet/,
            );
        }
    });

    it("launch templates: one IMDS hop, so pods cannot reach the node's credentials", () => {
        assert.deepEqual(
            launchTemplateImdsHopLimit.check(resource(T.launchTemplate, { metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 } })),
            [],
        );
        assert.deepEqual(launchTemplateImdsHopLimit.check(resource(T.launchTemplate, { metadataOptions: { httpPutResponseHopLimit: 2 } })), [
            "metadataOptions.httpPutResponseHopLimit must be 1; found 2",
        ]);
    });

    it("leave other resource types alone", () => {
        const other = resource("aws:s3/bucket:Bucket", {});
        for (const rule of [
            eksSecretsEncryption,
            eksPublicEndpointRestricted,
            launchTemplateImdsv2,
            launchTemplateImdsHopLimit,
            ecrScanOnPush,
            ecrImmutableTags,
        ]) {
            assert.deepEqual(rule.check(other), [], rule.name);
        }
    });
});
