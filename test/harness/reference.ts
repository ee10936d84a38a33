// The upstream reference data (pinned charts' values.yaml, CRDs) kept beside the
// project in ../shared/reference, as CI checks it out (PLATFORM_REFERENCE_DIR points
// elsewhere). Tests read it as is.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";
import { PROJECT_ROOT } from "./evaluateStack";

export const REFERENCE_DIR = process.env.PLATFORM_REFERENCE_DIR ?? join(PROJECT_ROOT, "..", "shared", "reference");

export function referenceText(relativePath: string): string {
    const path = join(REFERENCE_DIR, relativePath);
    if (!existsSync(path)) {
        throw new Error(`reference data not found: ${path}; the tests expect the shared reference directory beside the project (../shared/reference) or in PLATFORM_REFERENCE_DIR`);
    }
    return readFileSync(path, "utf8");
}

export function referenceYaml(relativePath: string): unknown {
    return load(referenceText(relativePath));
}

/** The pinned chart's default values, e.g. chartValues("kube-prometheus-stack", "88.5.3"). */
export function chartValues(chart: string, version: string): unknown {
    return referenceYaml(`charts/${chart}-${version}.values.yaml`);
}

/** The OpenAPI schema of one version of a reference CRD, e.g. crdSchema("monitoring.coreos.com_servicemonitors", "v1"). */
export function crdSchema(file: string, version: string): Record<string, unknown> {
    const crd = referenceYaml(`crds/${file}.yaml`) as { spec: { versions: { name: string; schema: { openAPIV3Schema: Record<string, unknown> } }[] } };
    const found = crd.spec.versions.find((v) => v.name === version);
    if (!found) {
        throw new Error(`${file} has no version ${version}`);
    }
    return found.schema.openAPIV3Schema;
}
