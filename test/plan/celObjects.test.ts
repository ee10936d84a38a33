// The plan's admission check converts each object to CEL's values once for all the policies
// that match it (with the variables policies share computed once); the findings are those of a
// conversion per policy, and those of the whole object converted ahead (fields are converted as
// CEL reads them).
import * as assert from "node:assert/strict";

import { admissionPolicies, policyScope } from "../../components/addons/admissionPolicy/policies";
import { celObjects, evaluatePolicy, type ValidatingPolicyObject } from "../../offline/validation/validatingPolicies";

/** The whole object converted ahead, as plain Maps and arrays: the reference. */
function eagerCel(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(eagerCel);
    }
    if (value !== null && typeof value === "object") {
        return new Map(
            Object.entries(value)
                .filter(([, item]) => item !== undefined)
                .map(([key, item]) => [key, eagerCel(item)]),
        );
    }
    return typeof value === "number" && Number.isInteger(value) ? BigInt(value) : value;
}

/** A policy over Pods whose validations are the expressions, each failing or passing on its own. */
function policyOf(expressions: string[]): ValidatingPolicyObject {
    return {
        metadata: { name: "expressions" },
        spec: {
            matchConstraints: { resourceRules: [{ apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE"], resources: ["pods"] }] },
            variables: [{ name: "labels", expression: "object.metadata.labels" }],
            validations: expressions.map((expression) => ({ expression, message: expression })),
        },
    };
}

const POLICIES = admissionPolicies(
    "Enforce",
    policyScope({
        platformNamespaces: [{ name: "apps", podSecurity: "restricted", labels: { "platform.k8s-app-platform.io/apps": "true" } }],
        distributionNamespaces: [],
        exempt: [],
    }),
) as unknown as ValidatingPolicyObject[];

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

    it("reads fields as a conversion of the whole object does: order, size, membership, iteration, numbers, absent fields", () => {
        const object = {
            apiVersion: "v1",
            kind: "Pod",
            metadata: { name: "p", namespace: "apps", labels: { z: "1", app: "p", env: "" }, annotations: undefined },
            spec: { replicas: 2, ratio: 0.5, containers: [{ name: "a", ports: [{ containerPort: 80 }] }, { name: "b" }], empty: {} },
        };
        const expressions = [
            "object.metadata.labels.size() == 3",
            "size(object.metadata) == 3",
            "!has(object.metadata.annotations)",
            "has(object.metadata.labels.app) && 'z' in object.metadata.labels",
            "object.metadata.labels.all(k, k != 'env')",
            "object.metadata.labels.exists(k, object.metadata.labels[k] == '')",
            "object.metadata.labels.map(k, k) == ['z', 'app', 'env']",
            "variables.labels.filter(k, k.startsWith('a')) == ['app']",
            "object.spec.replicas == 2 && object.spec.ratio == 0.5",
            "type(object.spec.replicas) == int",
            "object.spec.containers.map(c, c.name) == ['a', 'b']",
            "object.spec.containers.all(c, has(c.ports))",
            "object.spec.containers[0].ports[0].containerPort == 80",
            "object.spec.empty.size() == 0 && object.spec.empty == {}",
            "object.spec == object.spec",
            "object.metadata.labels == {'app': 'p', 'env': '', 'z': '1'}",
            "object.metadata.missing.name == 'x'",
        ];
        const reference = expressions.map((expression) => evaluatePolicy(policyOf([expression]), object, eagerCel));
        assert.deepEqual(
            expressions.map((expression) => evaluatePolicy(policyOf([expression]), object, celObjects())),
            reference,
            "each expression on a fresh conversion",
        );
        assert.deepEqual(
            evaluatePolicy(policyOf(expressions), object, celObjects()),
            evaluatePolicy(policyOf(expressions), object, eagerCel),
            "all on one conversion",
        );
        assert.deepEqual(
            reference.flat().map((finding) => finding.message),
            [
                "object.metadata.labels.all(k, k != 'env')",
                "object.spec.containers.all(c, has(c.ports))",
                "cannot be evaluated: object.metadata.missing.name == 'x': field not found: missing",
            ],
            "the other expressions hold",
        );
    });

    it("shares a variable between policies only where its name, its expression and those before it are the same", () => {
        const spec = (variables: [string, string][], validation: string): ValidatingPolicyObject => ({
            metadata: { name: validation },
            spec: {
                matchConstraints: { resourceRules: [{ apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE"], resources: ["pods"] }] },
                variables: variables.map(([name, expression]) => ({ name, expression })),
                validations: [{ expression: validation, message: validation }],
            },
        });
        const policies = [
            spec(
                [
                    ["a", "object.metadata.name"],
                    ["b", "variables.a + '-x'"],
                ],
                "variables.b == 'p-x'",
            ),
            spec(
                [
                    ["a", "object.metadata.namespace"],
                    ["b", "variables.a + '-x'"],
                ],
                "variables.b == 'apps-x'",
            ),
            spec([["b", "variables.a + '-x'"]], "variables.b == 'p-x'"),
        ];
        const asCel = celObjects();
        const object = pod("ghcr.io/acme/p:1.0.0", 10001);
        assert.deepEqual(
            policies.map((policy) => evaluatePolicy(policy, object, asCel).map((finding) => finding.message)),
            [[], [], ["cannot be evaluated: variables.a + '-x': field not found: a"]],
        );
    });
});
