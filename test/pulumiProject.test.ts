import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { PROJECT_ROOT } from "./harness/evaluateStack";

// Pulumi's project schema (sdk/go/common/workspace/project.json) types project config
// declarations as string, integer, boolean or array only, and requires `type`.
const DECLARABLE_TYPES = ["string", "integer", "boolean", "array"];

describe("Pulumi.yaml", () => {
    const project = parse(readFileSync(join(PROJECT_ROOT, "Pulumi.yaml"), "utf8"));

    it("runs the precompiled program with the nodejs runtime", () => {
        assert.equal(project.runtime.name, "nodejs");
        assert.equal(project.runtime.options.typescript, false);
        assert.equal(project.main, "bin/index.js");
    });

    it("declares config keys only with types the project schema allows", () => {
        for (const [key, declaration] of Object.entries<any>(project.config)) {
            assert.ok(DECLARABLE_TYPES.includes(declaration.type), `${key} has type ${declaration.type}`);
            assert.equal(typeof declaration.description, "string", `${key} has no description`);
        }
    });

    it("disables the default Kubernetes provider in every stack", () => {
        for (const stack of ["dev", "prod"]) {
            const file = parse(readFileSync(join(PROJECT_ROOT, `Pulumi.${stack}.yaml`), "utf8"));
            assert.deepEqual(file.config["pulumi:disable-default-providers"], ["kubernetes"], stack);
        }
    });
});
