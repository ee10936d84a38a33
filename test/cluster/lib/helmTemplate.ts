// Renders a planned helm.sh/v3 Release through the real chart at its pinned version, the
// way the provider's install would: the release name and namespace, the values the plan
// declares, the CRDs of the chart's crds/ directory unless the release skips them, the
// server's Kubernetes version and the API versions it serves at that moment.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { promisify } from "node:util";
import { loadAll } from "js-yaml";

import type { ResourceRecord } from "../../../offline/evaluate";
import type { KubeObject } from "./kubeApi";
import { withPlaceholders } from "./unknowns";

const run = promisify(execFile);

/** Where the pinned charts are unpacked, one directory per chart (`../shared/reference/charts`). */
export function referenceCharts(): string {
    return process.env.PLATFORM_REFERENCE_CHARTS ?? resolve(__dirname, "../../../../shared/reference/charts");
}

export interface RenderContext {
    helm: string;
    kubeVersion: string;
    apiVersions: readonly string[];
}

interface ReleaseInputs {
    chart: string;
    version: string;
    name: string;
    namespace: string;
    values?: Record<string, unknown>;
    skipCrds?: boolean;
}

export class RenderError extends Error {}

/** The chart directory for a release, checked against the version the release pins. */
export function chartDirectory(release: ReleaseInputs, charts = referenceCharts()): string {
    const dir = join(charts, basename(release.chart));
    if (!existsSync(join(dir, "Chart.yaml"))) {
        throw new RenderError(`chart ${release.chart} is not unpacked under ${charts}`);
    }
    const unpacked = /^version:\s*"?v?([^"\s]+)"?/m.exec(readFileSync(join(dir, "Chart.yaml"), "utf8"))?.[1];
    if (unpacked !== release.version.replace(/^v/, "")) {
        throw new RenderError(`chart ${release.chart}: the release pins ${release.version}, ${dir} holds ${unpacked}`);
    }
    return dir;
}

/** Renders by their inputs: plans that share a release (the dev variants) render it once. */
const rendered = new Map<string, Promise<KubeObject[]>>();

export function renderRelease(record: ResourceRecord, context: RenderContext): Promise<KubeObject[]> {
    const key = JSON.stringify([record.name, record.inputs, context]);
    if (!rendered.has(key)) {
        rendered.set(key, render(record, context));
    }
    return rendered.get(key)!.then((objects) => structuredClone(objects));
}

async function render(record: ResourceRecord, context: RenderContext): Promise<KubeObject[]> {
    const release = record.inputs as unknown as ReleaseInputs;
    const dir = chartDirectory(release);
    const scratch = mkdtempSync(join(tmpdir(), "platform-render-"));
    try {
        const valuesFile = join(scratch, "values.json");
        writeFileSync(valuesFile, JSON.stringify(withPlaceholders(release.values ?? {})));
        const args = [
            "template",
            release.name,
            dir,
            "--namespace",
            release.namespace,
            "--values",
            valuesFile,
            "--kube-version",
            context.kubeVersion,
            "--skip-tests",
        ];
        args.push(...context.apiVersions.flatMap((version) => ["--api-versions", version]));
        if (!release.skipCrds) {
            args.push("--include-crds");
        }
        const { stdout } = await run(context.helm, args, { maxBuffer: 256 * 1024 * 1024 }).catch((error: { stderr?: string; message: string }) => {
            throw new RenderError(`helm template of ${record.name} (${release.chart} ${release.version}) failed:\n${error.stderr ?? error.message}`);
        });
        return parseManifests(stdout, `${record.name} (${release.chart} ${release.version})`);
    } finally {
        rmSync(scratch, { recursive: true, force: true });
    }
}

/** Every object of a multi-document YAML stream; a document that is not an object is an error. */
export function parseManifests(text: string, source: string): KubeObject[] {
    let documents: unknown[];
    try {
        documents = loadAll(text);
    } catch (error) {
        throw new RenderError(`${source} renders YAML that does not parse: ${(error as Error).message}`);
    }
    // A `kind: List` document stands for its items, as Helm's client reads it.
    const expanded = documents.flatMap((document) => (isList(document) ? (document as { items: unknown[] }).items : [document]));
    return expanded
        .filter((document) => document !== null && document !== undefined)
        .map((document) => {
            const object = document as KubeObject;
            if (typeof object !== "object" || typeof object.kind !== "string" || typeof object.apiVersion !== "string" || !object.metadata?.name) {
                throw new RenderError(`${source} renders a document that is not a Kubernetes object: ${JSON.stringify(document).slice(0, 200)}`);
            }
            return object;
        });
}

function isList(document: unknown): boolean {
    const object = document as { kind?: unknown; items?: unknown } | null;
    return typeof object?.kind === "string" && /List$/.test(object.kind) && Array.isArray(object.items);
}
