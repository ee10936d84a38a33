// The template's placeholders (example.com domains and e-mail, ...EXAMPLE ids) are warned about,
// each naming its key, before the first pulumi up of a stack that still holds them.
import * as assert from "node:assert/strict";

import { readStackFile } from "../offline/stackFile";
import { parseConfigValue } from "../stacks/load";
import { parseStackConfig } from "../stacks/parse";
import { isPlaceholder } from "../stacks/placeholders";
import { PROJECT_ROOT } from "./harness/evaluateStack";

function warningsOf(stack: string, edit: (values: Record<string, any>) => void = () => {}): string[] {
    const file = readStackFile(PROJECT_ROOT, stack);
    const values: Record<string, any> = Object.fromEntries(
        Object.entries(file.config)
            .filter(([key]) => key.startsWith("platform:"))
            .map(([key, text]) => [key.slice("platform:".length), parseConfigValue(text)]),
    );
    edit(values);
    return parseStackConfig({ stack, values, awsRegion: file.config["aws:region"] }, { allowMissingSecrets: true }).warnings;
}

describe("placeholders of the template", () => {
    it("tells example domains, addresses and ids from real ones", () => {
        for (const value of ["example.com", "apps.example.com", "team@example.org", "Z0000000000000EXAMPLE"]) {
            assert.ok(isPlaceholder(value), value);
        }
        for (const value of ["apps.acme.com", "example.com.acme.io", "myexample.com", "Z0123456789ABCDEFGHIJ", "backend-api.localhost"]) {
            assert.ok(!isPlaceholder(value), value);
        }
    });

    it("warns about each placeholder prod ships, naming its key and the command that sets it", () => {
        const warnings = warningsOf("prod").filter((warning) => warning.includes("placeholder"));
        assert.deepEqual(warnings.map((warning) => warning.split(":")[0]).sort(), [
            "certManager.acme.email",
            "externalDns.hostedZoneId",
            "gateway.domain",
            "gateway.extraHosts[0]",
        ]);
        assert.ok(
            warnings.every((warning) => /pulumi config set --path '[^']+' <value>/.test(warning)),
            warnings.join("\n"),
        );
    });

    it("says nothing once prod points at a real domain, nor for dev", () => {
        const own = warningsOf("prod", (values) => {
            values.gateway = { ...values.gateway, domain: "apps.acme.com", extraHosts: ["helloworld.apps.acme.com"] };
            values.externalDns = { ...values.externalDns, hostedZoneId: "Z0123456789ABCDEFGHIJ" };
            values.certManager = { ...values.certManager, acme: { ...values.certManager.acme, email: "platform@acme.com" } };
        });
        assert.deepEqual(
            own.filter((warning) => warning.includes("placeholder")),
            [],
        );
        assert.deepEqual(
            warningsOf("dev").filter((warning) => warning.includes("placeholder")),
            [],
        );
    });
});
