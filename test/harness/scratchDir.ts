// Temporary directories for tests, removed when the test process exits, so that a run leaves
// nothing behind in the system's temporary directory.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const made: string[] = [];
process.once("exit", () => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A new empty directory named `<prefix>-XXXXXX` under the temporary directory. */
export function scratchDir(prefix: string): string {
    const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
    made.push(dir);
    return dir;
}
