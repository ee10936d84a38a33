import * as assert from "node:assert/strict";
import { cloudIdentifiers } from "../../offline/cloudIdentifiers";

describe("mocked cloud identifiers", () => {
    it("give AWS resources an ARN, so values fed from it are set under mocks", () => {
        assert.deepEqual(cloudIdentifiers("aws:kms/key:Key", "secrets"), { arn: "arn:aws:kms:eu-west-1:123456789012:secrets" });
        assert.deepEqual(cloudIdentifiers("kubernetes:core/v1:Secret", "x"), {});
    });
});
