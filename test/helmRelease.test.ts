import * as assert from "node:assert/strict";

import { releaseInputs } from "../components/helmRelease";

describe("Helm release policy", () => {
    const base = { releaseName: "r", namespace: "ns", values: {}, timeoutSeconds: 60 };

    it("installs a chart of an HTTP repository by name, with its repository", () => {
        const inputs = releaseInputs({ ...base, chart: { chart: "flux2", version: "2.18.3", repo: "https://fluxcd-community.github.io/helm-charts" } });
        assert.deepEqual(
            [inputs.chart, inputs.repositoryOpts, inputs.version],
            ["flux2", { repo: "https://fluxcd-community.github.io/helm-charts" }, "2.18.3"],
        );
    });

    // @pulumi/kubernetes helm.v3.Release: an OCI chart is given whole in `chart` (oci://host/path/name), with no repositoryOpts.
    it("installs an OCI chart by its full reference, without repository options", () => {
        const inputs = releaseInputs({ ...base, chart: { chart: "gateway-helm", version: "v1.9.0", repo: "oci://docker.io/envoyproxy" } });
        assert.deepEqual([inputs.chart, inputs.repositoryOpts, inputs.version], ["oci://docker.io/envoyproxy/gateway-helm", undefined, "v1.9.0"]);
    });

    it("installs atomically, cleans up on failure, keeps ten revisions and never creates the namespace", () => {
        const inputs = releaseInputs({ ...base, chart: { chart: "c", version: "1.0.0", repo: "https://example.org" } });
        assert.deepEqual([inputs.atomic, inputs.cleanupOnFail, inputs.maxHistory, inputs.createNamespace, inputs.timeout], [true, true, 10, false, 60]);
    });
});
