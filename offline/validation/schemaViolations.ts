// Validates every manifest against the upstream schema of its kind (kubernetes-models,
// and the CRD schema an add-on declares for it) and for unknown fields; an
// apiVersion/kind without a known schema is a violation too.
import { objectRef } from "../../policy/kubernetes/objects";
import type { Manifest } from "../plan/manifests";
import { SCHEMA_CHECK, type Violation } from "../plan/violation";
import { schemaProblems as crdProblems } from "./crdSchemaProblems";
import { crdSchemaOf, type CrdSchema } from "./crdSchemas";
import { fieldPathOf } from "./fieldPaths";
import { unknownFieldProblems } from "./knownFields";
import { loadModel, preloadModels, validationIssues, type ModelClass, type ValidationIssue } from "./loadModel";

export async function schemaViolations(manifests: readonly Manifest[]): Promise<Violation[]> {
    await preloadModels(manifests.map(({ object }) => ({ apiVersion: String(object.apiVersion), kind: String(object.kind) })));
    const models = await Promise.all(manifests.map(({ object }) => loadModel(String(object.apiVersion), String(object.kind))));
    return manifests.flatMap((manifest, index) =>
        schemaProblems(manifest.object, models[index], crdSchemaOf(String(manifest.object.apiVersion), String(manifest.object.kind))).map((message) => ({
            check: SCHEMA_CHECK,
            object: objectRef({ type: manifest.resource.type, name: manifest.resource.name, inputs: manifest.object }),
            message,
        })),
    );
}

/**
 * The largest object etcd stores: its default --max-request-bytes is 1.5 MiB
 * (etcd v3.7.1 server/embed/config.go:67), below kube-apiserver's 3 MiB body limit; an
 * object that grows with the apps (a dashboard, a rule group, a health-check script) fails there.
 */
export const MAX_OBJECT_BYTES = 1.5 * 1024 * 1024;

/** Problems of one object against its model and its declared CRD schema (neither: no schema is known), and its size. */
export function schemaProblems(object: Record<string, unknown>, model: ModelClass | undefined, crdSchema?: CrdSchema): string[] {
    const size = Buffer.byteLength(JSON.stringify(object));
    const tooLarge = size > MAX_OBJECT_BYTES ? [`(object): is ${size} bytes; etcd stores at most ${MAX_OBJECT_BYTES} (1.5 MiB): split it`] : [];
    if (!model && !crdSchema) {
        return [...tooLarge, `no schema is known for apiVersion '${String(object.apiVersion)}' kind '${String(object.kind)}'; the plan cannot validate it`];
    }
    const issues = model ? validate(model, object).map(describeIssue) : [];
    // The API server validates metadata itself (and unknownFieldProblems checks its fields), whatever the CRD says of it.
    const crd = crdSchema ? crdProblems(Object.fromEntries(Object.entries(object).filter(([key]) => key !== "metadata")), crdSchema) : [];
    return [...new Set([...tooLarge, ...issues, ...crd, ...unknownFieldProblems(object)])];
}

function validate(model: ModelClass, object: Record<string, unknown>): ValidationIssue[] {
    try {
        new model(object).validate();
        return [];
    } catch (error) {
        const issues = validationIssues(error);
        if (!issues) {
            throw error;
        }
        return issues;
    }
}

function describeIssue(issue: ValidationIssue): string {
    const path = fieldPathOf(issue.instancePath) || "(object)";
    const allowed = Array.isArray(issue.params?.allowedValues) ? ` (${issue.params.allowedValues.map(String).join(", ")})` : "";
    return `${path}: ${issue.message ?? "is invalid"}${allowed}`;
}
