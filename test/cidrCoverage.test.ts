import * as assert from "node:assert/strict";

import { canonicalForm, coveredAddresses, parseCidr } from "../stacks/cidrCoverage";

const blocks = (...texts: string[]) => texts.map((text) => parseCidr(text)!);

describe("CIDR coverage", () => {
    it("counts the addresses a list covers, overlaps once, per family", () => {
        assert.equal(coveredAddresses(blocks("0.0.0.0/1", "128.0.0.0/1"), 4), 2n ** 32n);
        assert.equal(coveredAddresses(blocks("10.0.0.0/8", "10.1.0.0/16", "192.0.2.7/32"), 4), 2n ** 24n + 1n);
        assert.equal(coveredAddresses(blocks("::/1", "8000::/1", "10.0.0.0/8"), 6), 2n ** 128n);
        assert.equal(coveredAddresses(blocks("2001:db8::/32", "2001:db8:1::/48"), 6), 2n ** 96n);
    });

    it("finds host bits and the block they stand for", () => {
        assert.equal(canonicalForm(parseCidr("1.1.1.1/0")!), "0.0.0.0/0");
        assert.equal(canonicalForm(parseCidr("10.0.0.1/16")!), "10.0.0.0/16");
        assert.equal(canonicalForm(parseCidr("10.0.0.0/16")!), undefined);
        assert.equal(canonicalForm(parseCidr("2001:db8::1/32")!), "2001:db8::/32");
    });

    it("parses only well-formed blocks", () => {
        for (const text of ["10.0.0.0/33", "256.0.0.0/8", "10.0.0/8", "1::2::3/64", "::/129", "2001:db8::g/32"]) {
            assert.equal(parseCidr(text), undefined, text);
        }
        assert.deepEqual(parseCidr("::/0"), { family: 6, address: 0n, prefix: 0 });
    });
});
