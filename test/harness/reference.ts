// The facts the tests need about the pinned charts and the CRDs, from
// test/fixtures/reference/ (derived from the upstream reference data by
// `npm run reference-facts`; test/referenceFacts.test.ts checks they are current
// wherever the reference data is at hand).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
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
