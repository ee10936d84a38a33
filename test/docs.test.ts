// README.md and docs/ agree with the code: every npm script, flag, config key path, stack output,
// repository file and link they name exists, and every stack output of the code is documented.
import * as assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

import { ADDONS } from "../components/addons";
import { evaluateProgram } from "../offline/evaluate";
import { toPlanResource } from "../offline/plan/planResource";
import { runPlatformProgram } from "../program";
import { PLATFORM_KEYS } from "../stacks/schema/platform";
import {
    anchors,
    isReferenced,
    keyPaths,
    npmRuns,
    outputsTable,
    referencePaths,
    relativeLinks,
    repositoryPaths,
    sectionTablePaths,
    stackOutputNames,
    undocumentedKeyPaths,
} from "./harness/docClaims";
import { PROJECT_ROOT, stackInput } from "./harness/evaluateStack";

const DOCS = [
    "README.md",
    "CHANGELOG.md",
    ...readdirSync(join(PROJECT_ROOT, "docs"))
        .filter((file) => file.endsWith(".md"))
        .map((file) => `docs/${file}`),
];
const read = (path: string) => readFileSync(join(PROJECT_ROOT, path), "utf8");
const packageJson = JSON.parse(read("package.json")) as { version: string; scripts: Record<string, string>; license: string; engines: { node: string } };

/** The text of a script's tool: its entry file and the project files that file imports. */
function toolSources(script: string): string {
    const entry = /tools\/[\w/.-]+\.ts/.exec(packageJson.scripts[script])?.[0];
    if (!entry) {
        return packageJson.scripts[script];
    }
    const text = read(entry);
    const imported = [...text.matchAll(/from "(\.\.?\/[^"]+)"/g)]
        .map((match) => join(dirname(entry), match[1]))
        .flatMap((path) => [`${path}.ts`, `${path}/index.ts`])
        .filter((path) => existsSync(join(PROJECT_ROOT, path)));
    return [text, ...imported.map(read)].join("\n");
}

/** Files the docs name as examples of what a contributor creates, and files the tools write (ignored by git). */
const EXAMPLE_PATHS = [
    "components/addons/hello/",
    ...read(".gitignore")
        .split("\n")
        .filter((line) => line.includes("/") && !line.endsWith("/")),
];

describe("README.md and docs/ agree with the code", () => {
    it("quotes the benchmark's recorded figures in the README as bench/results.json holds them", () => {
        const recorded = new Map(
            (JSON.parse(read("bench/results.json")) as { figures: { name: string; value: number }[] }).figures.map((figure) => [figure.name, figure.value]),
        );
        const readme = read("README.md").replace(/\s+/g, " ");
        const stated =
            /prod plan takes ([\d.]+) of the time .* the dev plan ([\d.]+), and each added app ([\d.]+) ms against ([\d.]+) ms for the SDK alone .*; loading modules is ([\d.]+) % of the prod plan/.exec(
                readme,
            );
        assert.ok(stated, "the README states the recorded figures");
        assert.deepEqual(stated.slice(1).map(Number), [
            recorded.get("prod plan / CDK EKS Blueprints synth"),
            recorded.get("dev plan / CDK EKS Blueprints synth"),
            recorded.get("ms per added app (dev, +200 apps)"),
            recorded.get("SDK floor per added app (its resources as ConfigMaps)"),
            recorded.get("module loading, share of the prod plan"),
        ]);
    });

    it("keeps the README to the first hour: at most 300 lines", () => {
        assert.ok(read("README.md").split("\n").length <= 300);
    });

    it("states the Node.js versions package.json's engines allow", () => {
        const minimum = /^>=(\d+)$/.exec(packageJson.engines.node)?.[1];
        assert.ok(minimum, packageJson.engines.node);
        const stated = [...read("README.md").matchAll(/Node\.js (\d+)[^|\n]*/g)].map((match) => match[0]);
        assert.ok(stated.length > 0 && stated.every((text) => text.startsWith(`Node.js ${minimum} or newer`)), stated.join("; "));
    });

    it("writes kubeconfigs (a client key) outside the repository in every command", () => {
        for (const doc of DOCS) {
            for (const match of read(doc).matchAll(/pulumi stack output kubeconfig [^\n]*? > (\S+)/g)) {
                assert.match(match[1], /^[~/$]/, `${doc}: ${match[0]} writes into the working directory`);
            }
        }
    });

    it("names only npm scripts that package.json has, with flags their tools read", () => {
        for (const doc of DOCS) {
            for (const { script, flags } of npmRuns(read(doc))) {
                assert.ok(packageJson.scripts[script], `${doc}: npm run ${script} is not a script of package.json`);
                const source = toolSources(script);
                for (const flag of flags.filter((flag) => flag !== "help")) {
                    assert.ok(
                        source.includes(`"${flag}"`) || source.includes(` ${flag}:`) || source.includes(`--${flag}`),
                        `${doc}: npm run ${script} -- --${flag} is not a flag of its tool`,
                    );
                }
            }
        }
    });

    it("names only config key paths the schema has (docs/configuration.md)", () => {
        const reference = referencePaths(read("docs/configuration.md"));
        for (const doc of DOCS.filter((doc) => doc !== "docs/configuration.md")) {
            assert.deepEqual(undocumentedKeyPaths(read(doc), PLATFORM_KEYS, reference), [], doc);
        }
    });

    it("names only key paths of the schema in the section tables of docs/stack-files.md", () => {
        const reference = referencePaths(read("docs/configuration.md"));
        const paths = sectionTablePaths(read("docs/stack-files.md"));
        assert.ok(paths.length > 100, `${paths.length} rows read`);
        assert.deepEqual(
            paths.filter((path) => !isReferenced(path, reference)),
            [],
        );
        const wrong = "## `gateway`\n\n| key | default | description |\n|---|---|---|\n| `domian` | — | typo |\n| `nodePorts.http` / `.htps` | | |\n";
        assert.deepEqual(
            sectionTablePaths(wrong).filter((path) => !isReferenced(path, reference)),
            ["gateway.domian", "gateway.nodePorts.htps"],
        );
    });

    it("catches a wrong key path (the check itself)", () => {
        const reference = referencePaths(read("docs/configuration.md"));
        const text = "Set `gateway.domian` with `pulumi config set --path 'apps[0].replica.min' 2`; `gateway.domain` and `apps[0].env.PORT` are right.";
        assert.deepEqual(keyPaths(text, PLATFORM_KEYS), ["gateway.domian", "gateway.domain", "apps[].env.PORT", "apps[].replica.min"]);
        assert.deepEqual(undocumentedKeyPaths(text, PLATFORM_KEYS, reference), ["gateway.domian", "apps[].replica.min"]);
    });

    it("names only repository files that exist, and links only to files and headings that exist", () => {
        for (const doc of DOCS) {
            const text = read(doc);
            for (const path of repositoryPaths(text)) {
                assert.ok(existsSync(join(PROJECT_ROOT, path)) || EXAMPLE_PATHS.some((example) => path.startsWith(example)), `${doc}: ${path} does not exist`);
            }
            for (const { file, anchor } of relativeLinks(text)) {
                const target = file ? join(dirname(doc), file) : doc;
                assert.ok(existsSync(join(PROJECT_ROOT, target)), `${doc}: link to ${file} leads nowhere`);
                if (anchor && target.endsWith(".md")) {
                    assert.ok(anchors(read(target)).has(anchor), `${doc}: ${target} has no heading #${anchor}`);
                }
            }
        }
    });

    it("gives every add-on a section in docs/addons.md and a row naming its pinned charts", () => {
        const text = read("docs/addons.md");
        const headings = anchors(text);
        for (const addon of ADDONS) {
            assert.ok(headings.has(addon.name.toLowerCase()), `docs/addons.md has no section ## ${addon.name}`);
            const row = text.split("\n").find((line) => line.startsWith(`| \`${addon.name}\` |`));
            assert.ok(row, `docs/addons.md's table has no row for ${addon.name}`);
            for (const chart of addon.charts) {
                assert.ok(row.includes(`${chart.chart} ${chart.version}`), `docs/addons.md: ${addon.name} pins ${chart.chart} ${chart.version}: ${row}`);
            }
        }
    });

    describe("stack outputs and the plan's resources.json", () => {
        let codeOutputs: Set<string>;
        const recordFields = new Set<string>();
        before(async () => {
            const names = new Set<string>();
            const cases = [stackInput("dev", { "platform:externalIntegrationKey": "key" }), stackInput("prod"), { ...stackInput("prod"), account: {} }];
            for (const input of cases) {
                const evaluation = await evaluateProgram({ ...input, program: (rootOptions) => runPlatformProgram({ rootOptions }) });
                Object.keys(evaluation.outputs).forEach((name) => names.add(name));
                evaluation.resources.map(toPlanResource).forEach((resource) => Object.keys(resource).forEach((field) => recordFields.add(field)));
            }
            codeOutputs = names;
        });

        it("lists every output of the default stacks (held-back images too) in docs/outputs.md, and no other", () => {
            assert.deepEqual(new Set(outputsTable(read("docs/outputs.md"))), codeOutputs);
        });

        it("names every field of a resources.json record in docs/plan.md", () => {
            const row = read("docs/plan.md")
                .split("\n")
                .find((line) => line.startsWith("| `resources.json` |"))!;
            assert.ok(recordFields.size >= 7, [...recordFields].join(", "));
            for (const field of recordFields) {
                assert.ok(row.includes(`\`${field}\``), `docs/plan.md does not name the resources.json field ${field}`);
            }
        });

        it("names only outputs the code has in pulumi stack output commands", () => {
            for (const doc of DOCS) {
                for (const name of stackOutputNames(read(doc))) {
                    assert.ok(codeOutputs.has(name), `${doc}: pulumi stack output ${name} is not an output`);
                }
            }
        });
    });

    it("ships the licence package.json names and a changelog whose latest release is package.json's version", () => {
        assert.equal(packageJson.license, "Apache-2.0");
        assert.match(read("LICENSE"), /Apache License\s+Version 2\.0, January 2004/);
        const releases = [...read("CHANGELOG.md").matchAll(/^## \[?(\d+\.\d+\.\d+)\]? - (\d{4}-\d{2}-\d{2})$/gm)].map((match) => match[1]);
        assert.equal(releases[0], packageJson.version);
        const sections = read("CHANGELOG.md")
            .split(/^## /m)
            .filter((section) => /^\[?\d/.test(section));
        for (const section of sections) {
            assert.match(section, /^### Upgrade$/m, `release ${section.split(" ")[0]} has no upgrade note`);
        }
    });
});
