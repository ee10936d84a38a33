// The plan's admission check converts each object to CEL's values once for all the policies
// that match it; the findings are those of a conversion per policy.
import * as assert from "node:assert/strict";
import { admissionPolicies, policyScope } from "../../components/addons/admissionPolicy/policies";
import { celObjects, evaluatePolicy, type ValidatingPolicyObject } from "../../offline/validation/validatingPolicies";

const POLICIES = admissionPolicies("Enforce", policyScope({ platformNamespaces: [{ name: "apps", podSecurity: "restricted", labels: { "platform.k8s-app-platform.io/apps": "true" } }], distributionNamespaces: [], exempt: [] })) as unknown as ValidatingPolicyObject[];

const pod = (image: string, runAsUser: number) => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", namespace: "apps", labels: { app: "p" } },
    spec: { securityContext: { runAsNonRoot: true, runAsUser }, containers: [{ name: "p", image }] },
});

describe("admission evaluation over the plan", () => {
    it("converts each object once and finds what a conversion per policy finds", () => {
        const asCel = celObjects();
        const objects = [pod("nginx:latest", 0), pod("ghcr.io/acme/p:1.0.0", 10001)];
        assert.equal(asCel(objects[0]), asCel(objects[0]), "the same conversion for the same object");
        assert.notEqual(asCel(objects[0]), asCel(objects[1]));
        for (const object of objects) {
            const shared = POLICIES.flatMap((policy) => evaluatePolicy(policy, object, asCel));
            const own = POLICIES.flatMap((policy) => evaluatePolicy(policy, object));
            assert.deepEqual(shared, own);
        }
        assert.ok(POLICIES.flatMap((policy) => evaluatePolicy(policy, objects[0], asCel)).length >= 2, "the broken pod is refused");
    });
});
