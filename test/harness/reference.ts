// The facts the tests need about the pinned charts and the CRDs, from
// test/fixtures/reference/ (derived from the upstream reference data by
// `npm run reference-facts`; test/referenceFacts.test.ts checks they are current
// wherever the reference data is at hand).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";

import { DEFAULT_REFERENCE_DIR, FACTS_DIR } from "../../tools/referenceFacts";

/** The upstream reference data, where it is at hand: beside the project, or in PLATFORM_REFERENCE_DIR. */
export const REFERENCE_DIR = process.env.PLATFORM_REFERENCE_DIR ?? DEFAULT_REFERENCE_DIR;

export function referenceAvailable(): boolean {
    return existsSync(join(REFERENCE_DIR, "charts"));
}

function facts(relativePath: string): unknown {
    return JSON.parse(readFileSync(join(FACTS_DIR, relativePath), "utf8"));
}

/** The shape of the pinned chart's default values, e.g. chartValues("kube-prometheus-stack", "88.5.3"). */
export function chartValues(chart: string, version: string): unknown {
    return facts(`charts/${chart}-${version}.shape.json`);
}

/** The OpenAPI schema of one version of a reference CRD, e.g. crdSchema("monitoring.coreos.com_servicemonitors", "v1"). */
export function crdSchema(file: string, version: string): Record<string, unknown> {
    const versions = facts(`crds/${file}.schema.json`) as Record<string, Record<string, unknown>>;
    if (!versions[version]) {
        throw new Error(`${file} has no version ${version}`);
    }
    return versions[version];
}

/** Upstream's IAM documents from a CloudFormation template, placeholders kept as `${Name}` (tools/cloudFormationFacts.ts), e.g. iamFacts("karpenter-controller-policy.json"). */
export function iamFacts(file: string): any {
    return facts(`iam/${file}`);
}

/** A chart as the reference pins it: its line of charts/index.tsv and its unpacked Chart.yaml. */
export interface ReferenceChart {
    readonly chart: string;
    readonly version: string;
    /** The repository the chart was pulled from: an HTTP repository, or an OCI registry path (`oci://...`). */
    readonly repo: string;
    /** name and version of the unpacked charts/<chart>/Chart.yaml. */
    readonly chartYaml: { readonly name: string; readonly version: string };
}

/** The reference's record of a chart (charts/index.tsv: chart, version, repository, source); undefined where the reference data is not at hand. */
export function referenceChart(chart: string): ReferenceChart | undefined {
    if (!referenceAvailable()) {
        return undefined;
    }
    const line = readFileSync(join(REFERENCE_DIR, "charts", "index.tsv"), "utf8")
        .split("\n")
        .map((row) => row.split("\t"))
        .find(([name]) => name === chart);
    if (!line) {
        throw new Error(`charts/index.tsv in ${REFERENCE_DIR} lists no chart ${chart}`);
    }
    const chartYaml = load(readFileSync(join(REFERENCE_DIR, "charts", chart, "Chart.yaml"), "utf8")) as { name: string; version: string };
    return { chart, version: line[1], repo: line[2], chartYaml: { name: chartYaml.name, version: chartYaml.version } };
}

/**
 * The chart, version and repository a helm.v3.Release's inputs install, as a Helm client reads
 * them: an OCI chart is its full reference (`<registry path>/<chart>`, no repository options),
 * another is its name in an HTTP repository (the trailing slash of a repository URL is insignificant).
 */
export function installedChart(inputs: { chart: string; version: string; repositoryOpts?: { repo: string } }): {
    chart: string;
    version: string;
    repo: string;
} {
    const trim = (url: string) => url.replace(/\/+$/, "");
    if (inputs.chart.startsWith("oci://")) {
        const slash = inputs.chart.lastIndexOf("/");
        return { chart: inputs.chart.slice(slash + 1), version: inputs.version, repo: trim(inputs.chart.slice(0, slash)) };
    }
    return { chart: inputs.chart, version: inputs.version, repo: trim(inputs.repositoryOpts?.repo ?? "") };
}

/** What the reference says a release of `chart` installs: the index's version and repository, which its unpacked Chart.yaml confirms. */
export function expectedInstall(reference: ReferenceChart): { chart: string; version: string; repo: string } {
    if (reference.chartYaml.name !== reference.chart || reference.chartYaml.version !== reference.version) {
        throw new Error(
            `the reference's ${reference.chart}/Chart.yaml is ${reference.chartYaml.name} ${reference.chartYaml.version}, its index says ${reference.chart} ${reference.version}`,
        );
    }
    return { chart: reference.chart, version: reference.version, repo: reference.repo.replace(/\/+$/, "") };
}

/** Ends the running test as pending, with one line saying why: the reference data is not at hand (CI checks out the project alone). */
export function skipWithoutReference(test: Mocha.Context): never {
    console.log(`      (skipped: no reference data at ${REFERENCE_DIR}; set PLATFORM_REFERENCE_DIR to check against the pinned charts)`);
    test.skip();
}
