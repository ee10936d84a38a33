// The platform's own objects against the admission policies it declares: every
// ValidatingPolicy in the plan judges every other object of the plan, as Kyverno would when
// they reach the API server (a violation here would be refused under Enforce, or reported
// under Audit).
import { objectRef } from "../../policy/kubernetes/objects";
import type { Manifest } from "../plan/manifests";
import type { Violation } from "../plan/violation";
import { celObjects, evaluatePolicy, isValidatingPolicy, type ValidatingPolicyObject } from "./validatingPolicies";

export function admissionViolations(manifests: readonly Manifest[]): Violation[] {
    const policies = manifests
        .filter((manifest) => isValidatingPolicy(manifest.object))
        .map((manifest) => manifest.object as unknown as ValidatingPolicyObject);
    const asCel = celObjects();
    return manifests.flatMap((manifest) =>
        policies.flatMap((policy) =>
            evaluatePolicy(policy, manifest.object, asCel).map((finding) => ({
                check: `admission:${finding.policy}`,
                object: objectRef({ type: manifest.resource.type, name: manifest.resource.name, inputs: manifest.object }),
                message: finding.message,
            })),
        ),
    );
}
