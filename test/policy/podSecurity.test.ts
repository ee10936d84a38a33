import * as assert from "node:assert/strict";

import { dropAllCapabilities, noPrivilegeEscalation, readOnlyRootFilesystem, runAsNonRoot, seccompRuntimeDefault } from "../../policy/rules/podSecurity";
import { changed, container, cronJob, deployment, firstContainer, T } from "./fixtures";

const WHERE = "spec.template.spec.containers[0] (web)";

describe("policy: restricted pod security", () => {
    const compliant = deployment();

    it("passes a Deployment, a CronJob and a Pod that follow the restricted standard", () => {
        const pod = {
            type: T.pod,
            name: "debug",
            inputs: { metadata: { name: "debug" }, spec: { securityContext: { runAsNonRoot: true }, containers: [container()] } },
        };
        for (const rule of [runAsNonRoot, noPrivilegeEscalation, dropAllCapabilities, seccompRuntimeDefault, readOnlyRootFilesystem]) {
            for (const resource of [compliant, cronJob(), pod]) {
                assert.deepEqual(rule.check(resource), [], `${rule.name} on ${resource.type}`);
            }
        }
    });

    it("ignores resources that run no pods", () => {
        const configMap = { type: T.configMap, name: "c", inputs: { metadata: { name: "c" }, data: {} } };
        assert.deepEqual(runAsNonRoot.check(configMap), []);
    });

    it("runAsNonRoot: accepts the pod-level setting, rejects a container that overrides it", () => {
        const podLevelOnly = changed(compliant, (inputs) => delete firstContainer(inputs).securityContext.runAsNonRoot);
        assert.deepEqual(runAsNonRoot.check(podLevelOnly), []);
        const overridden = changed(compliant, (inputs) => (firstContainer(inputs).securityContext.runAsNonRoot = false));
        assert.deepEqual(runAsNonRoot.check(overridden), [`${WHERE}: securityContext.runAsNonRoot must be true (on the container or the pod)`]);
        const nowhere = changed(podLevelOnly, (inputs) => delete inputs.spec.template.spec.securityContext.runAsNonRoot);
        assert.equal(runAsNonRoot.check(nowhere).length, 1);
    });

    it("allowPrivilegeEscalation: fails when it is not explicitly false", () => {
        const unset = changed(compliant, (inputs) => delete firstContainer(inputs).securityContext.allowPrivilegeEscalation);
        assert.deepEqual(noPrivilegeEscalation.check(unset), [`${WHERE}: securityContext.allowPrivilegeEscalation must be false`]);
    });

    it("capabilities: fails unless drop contains ALL", () => {
        const partial = changed(compliant, (inputs) => (firstContainer(inputs).securityContext.capabilities = { drop: ["NET_RAW"] }));
        assert.deepEqual(dropAllCapabilities.check(partial), [`${WHERE}: securityContext.capabilities.drop must contain ALL`]);
    });

    it("seccomp: accepts RuntimeDefault on the pod alone, rejects Unconfined on the container", () => {
        const podOnly = changed(compliant, (inputs) => delete firstContainer(inputs).securityContext.seccompProfile);
        assert.deepEqual(seccompRuntimeDefault.check(podOnly), []);
        const unconfined = changed(compliant, (inputs) => (firstContainer(inputs).securityContext.seccompProfile = { type: "Unconfined" }));
        assert.deepEqual(seccompRuntimeDefault.check(unconfined), [
            `${WHERE}: securityContext.seccompProfile.type must be RuntimeDefault (on the container or the pod); found Unconfined`,
        ]);
    });

    it("readOnlyRootFilesystem: fails when the root filesystem is writable", () => {
        const writable = changed(compliant, (inputs) => (firstContainer(inputs).securityContext.readOnlyRootFilesystem = false));
        assert.match(
            readOnlyRootFilesystem.check(writable)[0],
            /^spec\.template\.spec\.containers\[0\] \(web\): securityContext\.readOnlyRootFilesystem must be true/,
        );
    });

    it("checks init containers too, naming each by its path", () => {
        const withInit = changed(
            compliant,
            (inputs) => (inputs.spec.template.spec.initContainers = [{ name: "migrate", image: "ghcr.io/acme/migrate:1.0.0" }]),
        );
        assert.deepEqual(noPrivilegeEscalation.check(withInit), [
            "spec.template.spec.initContainers[0] (migrate): securityContext.allowPrivilegeEscalation must be false",
        ]);
    });

    it("finds the pods of a CronJob under its job template", () => {
        const broken = changed(cronJob(), (inputs) => delete inputs.spec.jobTemplate.spec.template.spec.containers[0].securityContext.capabilities);
        assert.deepEqual(dropAllCapabilities.check(broken), [
            "spec.jobTemplate.spec.template.spec.containers[0] (web): securityContext.capabilities.drop must contain ALL",
        ]);
    });
});
