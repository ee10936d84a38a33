// A developer's own dev stack, from the template Pulumi.dev.yaml: each developer's state holds
// their own laptop's kind kubeconfig, so a dev stack is per developer (and per CI run).
//   npm run new-dev-stack -- <name>      -> Pulumi.dev-<name>.yaml, then: pulumi stack init dev-<name>
// Secrets (secure: values, the encryption salt) are another stack's: they are left out, and
// the tool prints the commands that set them for the new stack.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { load } from "js-yaml";

import { SCHEMA_MODELINE, SCHEMA_PATH } from "./configDocs/paths";

const PROJECT_ROOT = resolve(__dirname, "..");
const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * The template's text for `stack`: without its encrypted values and salt (the keys those held
 * are returned), and with the kind cluster named after the stack. Two stacks with one cluster
 * name would share one kind cluster, and destroying either would delete it.
 */
export function devStackFrom(template: string, stack: string): { text: string; secretKeys: string[] } {
    const secretKeys = Object.entries((load(template) as { config?: Record<string, unknown> }).config ?? {})
        .filter(([, value]) => value !== null && typeof value === "object" && "secure" in value)
        .map(([key]) => key);
    const lines = template.split("\n");
    const kept: string[] = [];
    for (let index = 0; index < lines.length; index++) {
        const line = lines[index];
        if (/^encryptionsalt:/.test(line)) {
            continue;
        }
        const secret = secretKeys.find((key) => line.startsWith(`  ${key}:`));
        if (secret) {
            // `key:` then an indented `secure: ...` line, or `key: { secure: ... }` on one line.
            if (!line.includes("secure")) {
                index++;
            }
            continue;
        }
        kept.push(line);
    }
    return { text: renameCluster(kept.join("\n"), `platform-${stack}`).replaceAll("dev-<you>", stack), secretKeys };
}

/** Sets the `name:` of the platform:cluster section, adding one when the template has none. */
function renameCluster(text: string, name: string): string {
    const section = /^( {2}platform:cluster:\n)((?: {4}.*\n)*)/m;
    return text.replace(section, (_, head: string, body: string) =>
        /^ {4}name: .*$/m.test(body) ? head + body.replace(/^ {4}name: .*$/m, `    name: ${name}`) : `${head}    name: ${name}\n${body}`,
    );
}

/** The stack file with `comment` below the schema modeline, which stays the first line. */
export function withHeader(text: string, comment: string): string {
    const [first, ...rest] = text.split("\n");
    return first === SCHEMA_MODELINE ? [first, comment, ...rest].join("\n") : [SCHEMA_MODELINE, comment, text].join("\n");
}

function main(): void {
    const usage = "usage: npm run new-dev-stack -- <name>   (lower-case letters, digits and '-', e.g. alice): writes Pulumi.dev-<name>.yaml";
    const name = process.argv[2];
    if (name === "--help" || name === "-h") {
        console.log(usage);
        return;
    }
    if (!name || !NAME.test(name) || process.argv.length > 3) {
        console.error(usage);
        process.exit(2);
    }
    const stack = `dev-${name}`;
    const target = join(PROJECT_ROOT, `Pulumi.${stack}.yaml`);
    if (existsSync(target)) {
        console.error(`Pulumi.${stack}.yaml exists already`);
        process.exit(2);
    }
    const { text, secretKeys } = devStackFrom(readFileSync(join(PROJECT_ROOT, "Pulumi.dev.yaml"), "utf8"), stack);
    writeFileSync(target, withHeader(text, `# ${stack}: a developer's dev stack, made from Pulumi.dev.yaml by npm run new-dev-stack.`));
    const required = ["platform:externalIntegrationKey", ...secretKeys.filter((key) => key !== "platform:externalIntegrationKey")];
    console.log(
        [
            `Wrote Pulumi.${stack}.yaml. Editors with the YAML language server (VS Code's YAML extension) complete and check it`,
            `against ${SCHEMA_PATH}, which its first line names. Next:`,
            `  pulumi stack init ${stack}`,
            ...required.map((key) => `  pulumi config set --secret ${key.replace(/^platform:/, "")} <value> -s ${stack}`),
            `  pulumi up -s ${stack}`,
        ].join("\n"),
    );
}

if (require.main === module) {
    main();
}
