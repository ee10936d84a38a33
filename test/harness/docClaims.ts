// What README.md and docs/*.md name that the code must have: npm scripts and their flags,
// config key paths, stack outputs, files of the repository and links between the docs.
// Pure functions over the text, so a test can show each one catching a wrong name.

/** The contents of inline code spans. */
export function codeSpans(text: string): string[] {
    return [...text.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]);
}

/** Each `npm run <script>` with the flags given after `--`. */
export function npmRuns(text: string): { script: string; flags: string[] }[] {
    return [...text.matchAll(/npm run (?:-s )?([a-z0-9:-]+)((?: -- [^\n`|#]*)?)/g)].map((match) => ({
        script: match[1],
        flags: [...match[2].matchAll(/(?:^|\s)--([a-z][a-z-]*)/g)].map((flag) => flag[1]),
    }));
}

/** A key path as the reference writes it: list indexes as `[]`. */
export function normalisedPath(path: string): string {
    // A list of plain values (`publicAccessCidrs[0]`) is documented at the list.
    return path
        .replace(/\[\d+\]/g, "[]")
        .replace(/^'|'$/g, "")
        .replace(/\[\]$/, "");
}

/** Key paths named in code spans and in `pulumi config set --path` arguments that start with one of `sections`. */
export function keyPaths(text: string, sections: readonly string[]): string[] {
    const candidates = [...codeSpans(text), ...[...text.matchAll(/--path '?([^\s']+)'?/g)].map((match) => match[1])];
    const pattern = new RegExp(`^(?:platform:)?(${sections.join("|")})((?:\\.[a-zA-Z][a-zA-Z0-9]*|\\[\\d*\\])+)$`);
    const hostName = /\.(com|org|net|io|localhost|svc|local|internal)$/;
    return [
        ...new Set(
            candidates
                .map((span) => span.replace(/^platform:/, ""))
                .filter((span) => pattern.test(span) && !hostName.test(span))
                .map(normalisedPath),
        ),
    ];
}

/** The key paths of a reference table (its rows' first cells) with their types. */
export function referencePaths(reference: string): Map<string, string> {
    return new Map([...reference.matchAll(/^\| `([^`]+)` \| ([^|]+) \|/gm)].map((match) => [match[1], match[2].trim()]));
}

/** A path is documented when the reference has it, or has a map above it (`env.PORT` under the map `env`). */
export function isReferenced(path: string, reference: Map<string, string>): boolean {
    const parts = path.split(".");
    for (let end = parts.length; end > 0; end--) {
        const prefix = parts.slice(0, end).join(".");
        if (reference.has(prefix)) {
            return end === parts.length || reference.get(prefix)!.startsWith("map of");
        }
        const named = [...parts.slice(0, end - 1), "<name>", ...parts.slice(end)].join(".");
        if (end > 1 && reference.has(named)) {
            return true;
        }
    }
    return false;
}

/** The key paths named in `text` that the reference does not have. */
export function undocumentedKeyPaths(text: string, sections: readonly string[], reference: Map<string, string>): string[] {
    return keyPaths(text, sections).filter((path) => !isReferenced(path, reference));
}

/** Names given to `pulumi stack output`. */
export function stackOutputNames(text: string): string[] {
    return [...new Set([...text.matchAll(/pulumi stack output ([a-zA-Z]+)/g)].map((match) => match[1]))];
}

/** The outputs an outputs table lists in its first column (`a` / `b` cells name two). */
export function outputsTable(text: string): string[] {
    return [...text.matchAll(/^\| (`[a-zA-Z]+`(?: \/ `[a-zA-Z]+`)*) \|/gm)].flatMap((match) => [...match[1].matchAll(/`([a-zA-Z]+)`/g)].map((name) => name[1]));
}

const REPOSITORY_DIRS = ["components", "stacks", "tools", "offline", "policy", "test", "e2e", "gitops", "bench", ".ci", ".github", "docs", "schema"];

/** Repository paths named in code spans: under a top-level folder of the project, or a root file. */
export function repositoryPaths(text: string): string[] {
    const underDir = new RegExp(`^(?:\\./)?((?:${REPOSITORY_DIRS.map((dir) => dir.replace(".", "\\.")).join("|")})/[\\w./-]*)$`);
    const rootFile = /^((?:Pulumi(?:\.(?:dev|prod))?\.yaml)|package\.json|tsconfig\.json|README\.md|CHANGELOG\.md|LICENSE)$/;
    return [
        ...new Set(
            codeSpans(text).flatMap((span) => {
                const match = underDir.exec(span) ?? rootFile.exec(span);
                return match && !/[<*]/.test(match[1]) ? [match[1].replace(/\/$/, "")] : [];
            }),
        ),
    ];
}

/** Relative Markdown links: target file and anchor. */
export function relativeLinks(text: string): { file: string; anchor?: string }[] {
    return [...text.replace(/`[^`\n]*`/g, "").matchAll(/\]\((?!https?:|mailto:)([^)#\s]*)(?:#([^)\s]+))?\)/g)].map((match) => ({
        file: match[1],
        anchor: match[2],
    }));
}

/** GitHub's anchor of a heading. */
export function anchorOf(heading: string): string {
    return heading
        .trim()
        .toLowerCase()
        .replace(/[^\w\- ]/g, "")
        .replace(/ /g, "-");
}

/** The anchors of a Markdown file's headings, outside code blocks. */
export function anchors(text: string): Set<string> {
    let fenced = false;
    const found = new Set<string>();
    for (const line of text.split("\n")) {
        if (line.trimStart().startsWith("```")) {
            fenced = !fenced;
        } else if (!fenced && /^#+ /.test(line)) {
            found.add(anchorOf(line.replace(/^#+ /, "")));
        }
    }
    return found;
}

/**
 * The key paths of the per-section tables of docs/stack-files.md: each row's key, relative to
 * its section heading (`## \`apps[]\``), with `a` / `.b` cells naming `a` and its sibling `b`.
 */
export function sectionTablePaths(text: string): string[] {
    let section: string | undefined;
    const paths: string[] = [];
    for (const line of text.split("\n")) {
        const heading = /^## `([a-zA-Z]+(?:\[\])?)`/.exec(line);
        if (heading) {
            section = heading[1];
            continue;
        }
        if (/^## /.test(line)) {
            section = undefined;
        }
        const row = /^\| (`[^|]+`) \|/.exec(line);
        if (!section || !row || row[1] === "`key`") {
            continue;
        }
        let first = "";
        for (const cell of [...row[1].matchAll(/`([^`]+)`/g)].map((match) => match[1])) {
            const parent = first.includes(".") ? first.slice(0, first.lastIndexOf(".")) : "";
            const key = cell.startsWith(".") ? (parent ? `${parent}${cell}` : cell.slice(1)) : cell;
            first = first || key;
            paths.push(normalisedPath(`${section}.${key}`));
        }
    }
    return paths;
}
