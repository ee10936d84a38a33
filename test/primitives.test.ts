import * as assert from "node:assert/strict";

import { cronScheduleProblem } from "../stacks/cronSchedule";
import { imageReferenceProblem, parseImageReference } from "../stacks/imageReference";
import { parseQuantity } from "../stacks/quantities";

describe("parseQuantity", () => {
    it("parses the forms Kubernetes accepts", () => {
        assert.equal(parseQuantity("250m"), 0.25);
        assert.equal(parseQuantity("2"), 2);
        assert.equal(parseQuantity("0.5"), 0.5);
        assert.equal(parseQuantity("512Mi"), 512 * 2 ** 20);
        assert.equal(parseQuantity("1G"), 1e9);
        assert.equal(parseQuantity("1e3"), 1000);
        // E and Ei are the exa suffixes, not exponents (apimachinery resource/suffix.go: E = 10^18, Ei = 2^60).
        assert.equal(parseQuantity("1000Ei"), 1000 * 2 ** 60);
        assert.equal(parseQuantity("2E"), 2e18);
        assert.equal(parseQuantity("2E3"), 2000);
    });

    it("rejects what Kubernetes would not parse", () => {
        for (const text of ["2 cores", "512mb", "1gb", "", "-1", "Mi", "1.5.5"]) {
            assert.equal(parseQuantity(text), undefined, text);
        }
    });
});

describe("image references", () => {
    it("splits registry, repository, tag and digest", () => {
        assert.deepEqual(parseImageReference("ghcr.io/stefanprodan/podinfo:6.7.1"), {
            repository: "ghcr.io/stefanprodan/podinfo",
            tag: "6.7.1",
            digest: undefined,
        });
        assert.deepEqual(parseImageReference("localhost:5000/app:v1")?.tag, "v1");
        assert.equal(
            parseImageReference("123456789012.dkr.ecr.us-east-1.amazonaws.com/backend-api:1.0.0")?.repository,
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/backend-api",
        );
    });

    it("accepts pinned references and rejects unpinned, latest and malformed ones", () => {
        assert.equal(imageReferenceProblem("nginx:1.27.3"), undefined);
        assert.equal(imageReferenceProblem(`nginx@sha256:${"0".repeat(64)}`), undefined);
        assert.match(imageReferenceProblem("nginx")!, /neither a tag nor a digest/);
        assert.match(imageReferenceProblem("nginx:latest")!, /'latest' tag/);
        assert.match(imageReferenceProblem("Not An Image")!, /not a valid image reference/);
    });
});

describe("cron schedules", () => {
    it("accepts five-field expressions, names, steps and macros", () => {
        for (const schedule of ["*/5 * * * *", "0 3 * * MON-FRI", "15 2 1,15 * *", "@hourly", "0 0 ? * SUN"]) {
            assert.equal(cronScheduleProblem(schedule), undefined, schedule);
        }
    });

    it("accepts lists, ranges, steps and names in every field", () => {
        for (const schedule of ["0 0 * * 0", "*/15 9-17 * * MON-FRI", "0 0 1,15 * *", "5/10 * * * *", "0 12 * JAN,jul *", "0-59/5 0-23 1-31 1-12 0-6"]) {
            assert.equal(cronScheduleProblem(schedule), undefined, schedule);
        }
    });

    it("names the field and the value that Kubernetes would reject", () => {
        const cases: Array<[string, RegExp]> = [
            ["60 * * * *", /minute: '60' is not a value in 0-59/],
            ["* * 0 * *", /day of month: '0' is not a value in 1-31/],
            ["* * * 13 *", /month: '13' is not a value in 1-12 or JAN-DEC/],
            ["* * * * 7", /day of week: '7' is not a value in 0-6 or SUN-SAT/],
            ["*/0 * * * *", /minute: '\*\/0' has an invalid step/],
            ["5-1 * * * *", /minute: the range '5-1' runs backwards/],
            ["1-2-3 * * * *", /minute: '1-2-3' is not a value/],
            ["x * * * *", /minute: 'x' is not a value/],
        ];
        for (const [schedule, reason] of cases) {
            assert.match(cronScheduleProblem(schedule) ?? "accepted", reason, schedule);
        }
    });

    it("rejects wrong field counts, ranges and Quartz extensions", () => {
        assert.match(cronScheduleProblem("* * * *")!, /has 4 field/);
        assert.match(cronScheduleProblem("0 25 * * *")!, /not a valid cron expression/);
        assert.match(cronScheduleProblem("0 0 1W * *")!, /L, W or #/);
        assert.match(cronScheduleProblem("0 0 * * 1#2")!, /L, W or #/);
    });
});
