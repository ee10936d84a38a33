import * as assert from "node:assert/strict";

import { containerResources } from "../../policy/rules/containerResources";
import { pinnedImages } from "../../policy/rules/pinnedImages";
import { readinessProbe } from "../../policy/rules/readinessProbe";
import { changed, cronJob, deployment, firstContainer, T } from "./fixtures";

const WHERE = "spec.template.spec.containers[0] (web)";

describe("policy: containers", () => {
    const compliant = deployment();

    it("requests and limits: passes when cpu and memory have both", () => {
        assert.deepEqual(containerResources.check(compliant), []);
        assert.deepEqual(containerResources.check(cronJob()), []);
    });

    it("requests and limits: names every missing quantity", () => {
        const partial = changed(compliant, (inputs) => (firstContainer(inputs).resources = { requests: { cpu: "100m" } }));
        assert.deepEqual(containerResources.check(partial), [
            `${WHERE}: resources must set resources.requests.memory, resources.limits.cpu, resources.limits.memory`,
        ]);
    });

    it("readiness probe: required on a Deployment's containers", () => {
        assert.deepEqual(readinessProbe.check(compliant), []);
        const missing = changed(compliant, (inputs) => delete firstContainer(inputs).readinessProbe);
        assert.deepEqual(readinessProbe.check(missing), [`${WHERE}: readinessProbe is not set; a serving container needs one`]);
    });

    it("readiness probe: not required for CronJobs, Jobs, init containers or run-once Pods", () => {
        assert.deepEqual(readinessProbe.check(cronJob()), []);
        const job = { type: T.job, name: "once", inputs: { spec: { template: { spec: { containers: [{ name: "once" }] } } } } };
        assert.deepEqual(readinessProbe.check(job), []);
        const withInit = changed(compliant, (inputs) => (inputs.spec.template.spec.initContainers = [{ name: "migrate" }]));
        assert.deepEqual(readinessProbe.check(withInit), []);
        const runOnce = { type: T.pod, name: "once", inputs: { spec: { restartPolicy: "Never", containers: [{ name: "once" }] } } };
        assert.deepEqual(readinessProbe.check(runOnce), []);
    });

    it("pinned images: accepts a version tag or a digest", () => {
        assert.deepEqual(pinnedImages.check(compliant), []);
        const digest = changed(compliant, (inputs) => (firstContainer(inputs).image = `ghcr.io/acme/web@sha256:${"a".repeat(64)}`));
        assert.deepEqual(pinnedImages.check(digest), []);
    });

    it("pinned images: rejects latest, untagged and missing images", () => {
        const image = (reference: unknown) => pinnedImages.check(changed(compliant, (inputs) => (firstContainer(inputs).image = reference)));
        assert.match(
            image("ghcr.io/acme/web:latest")[0],
            /^spec\.template\.spec\.containers\[0\] \(web\): image 'ghcr\.io\/acme\/web:latest' uses the 'latest' tag/,
        );
        assert.match(image("nginx")[0], /image 'nginx' has neither a tag nor a digest/);
        assert.deepEqual(image(undefined), [`${WHERE}: image is not set`]);
    });
});
