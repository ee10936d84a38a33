// How Pulumi starts the program: node with the nodeargs of Pulumi.yaml (the TypeScript
// loader) and its main file. Tests that spawn the program or a tool start it the same way.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";

import { PROJECT_ROOT } from "./evaluateStack";

interface ProjectFile {
    main: string;
    runtime: { options: { nodeargs: string } };
}

const project = load(readFileSync(join(PROJECT_ROOT, "Pulumi.yaml"), "utf8")) as ProjectFile;

/** Pulumi.yaml's runtime.options.nodeargs, split as the nodejs language host splits them (on spaces). */
export const NODE_ARGS: readonly string[] = project.runtime.options.nodeargs.split(/\s+/).filter(Boolean);

/** The program file Pulumi runs. */
export const MAIN = join(PROJECT_ROOT, project.main);
