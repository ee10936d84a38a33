// Every field a component takes is documented where it is declared: each property of each
// exported interface under components/ whose name ends in `Args`, inherited ones included,
// carries a doc comment (what it is, its unit, its default, what it excludes).
import * as assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import * as ts from "typescript";

const PROJECT_ROOT = join(__dirname, "..");

const COMPONENTS = join(PROJECT_ROOT, "components");

function sourceFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith(".ts") ? [path] : [];
    });
}

interface ArgsField {
    readonly where: string;
    readonly documented: boolean;
}

/** Each property of each exported `*Args` interface, as `File.ts Interface.property`, and whether its declaration has a doc comment. */
function argsFields(): ArgsField[] {
    // noResolve: only the components' own files are read; package imports stay unresolved, which leaves the properties' names and comments intact.
    const program = ts.createProgram(sourceFiles(COMPONENTS), { noResolve: true, noEmit: true, types: [], target: ts.ScriptTarget.ES2022 });
    const checker = program.getTypeChecker();
    return program
        .getSourceFiles()
        .filter((file) => file.fileName.startsWith(COMPONENTS))
        .flatMap((file) =>
            file.statements
                .filter(ts.isInterfaceDeclaration)
                .filter(
                    (declaration) =>
                        declaration.name.text.endsWith("Args") && declaration.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword),
                )
                .flatMap((declaration) =>
                    checker.getPropertiesOfType(checker.getTypeAtLocation(declaration.name)).map((property) => ({
                        where: `${relative(PROJECT_ROOT, file.fileName)} ${declaration.name.text}.${property.name}`,
                        documented: ts.displayPartsToString(property.getDocumentationComment(checker)).trim() !== "",
                    })),
                ),
        );
}

describe("argument contracts of the components", () => {
    const fields = argsFields();

    it("finds the exported Args interfaces and their inherited fields", () => {
        const names = new Set(fields.map((field) => field.where.split(" ")[1]));
        // HelmAddonPlacement's fields reach the add-ons' Args through `extends`.
        assert.ok(names.has("KedaArgs.namespace"), [...names].join(", "));
        assert.ok(names.has("EksClusterArgs.config"), [...names].join(", "));
    });

    it("documents every field of every exported Args interface", () => {
        const undocumented = fields.filter((field) => !field.documented).map((field) => field.where);
        assert.deepEqual(undocumented, [], `undocumented fields:\n  ${undocumented.join("\n  ")}`);
    });
});
