import * as assert from "node:assert/strict";

import { alertmanagerConfigProblem } from "../components/addons/monitoring/alertmanagerConfig";
import { ConfigError } from "../stacks/configError";
import { parseStackConfig } from "../stacks/parse";
import { validValues } from "./harness/fixtures";

function rejects(mutate: (values: Record<string, any>) => void, key: string, reason: RegExp) {
    const values = validValues();
    mutate(values);
    try {
        parseStackConfig({ stack: "test", values });
    } catch (error) {
        assert.ok(error instanceof ConfigError, String(error));
        const problem = error.problems.find((p) => p.key === key);
        assert.ok(problem, `no problem at ${key}; got: ${error.problems.map((p) => `${p.key}: ${p.message}`).join("; ")}`);
        assert.match(problem.message, reason);
        return error;
    }
    assert.fail("the config was accepted");
}

describe("monitoring config", () => {
    it("is on by default with optional secret keys for Grafana and Alertmanager", () => {
        const { settings, secrets } = parseStackConfig({ stack: "test", values: validValues() });
        assert.equal(settings.monitoring.enabled, true);
        assert.equal(settings.monitoring.grafana.adminPasswordSecret, "grafanaAdminPassword");
        assert.equal(settings.monitoring.alertmanager.configSecret, "alertmanagerConfig");
        assert.deepEqual(
            secrets.map((ref) => ref.configKey),
            ["webApiKey"],
            "unset optional secrets are not required",
        );
    });

    it("accepts the optional secret keys as known config keys", () => {
        const values = validValues();
        values.grafanaAdminPassword = "p";
        values.alertmanagerConfig = "route: { receiver: a }\nreceivers: [{ name: a }]";
        const { secrets } = parseStackConfig({ stack: "test", values });
        assert.deepEqual(secrets.map((ref) => ref.configKey).sort(), ["alertmanagerConfig", "grafanaAdminPassword", "webApiKey"]);
    });

    it("reads the Grafana password from a key the stack names", () => {
        const values = validValues();
        values.monitoring = { grafana: { adminPasswordSecret: "grafanaPassword" } };
        values.grafanaPassword = "p";
        assert.deepEqual(
            parseStackConfig({ stack: "test", values })
                .secrets.map((ref) => ref.configKey)
                .sort(),
            ["grafanaPassword", "webApiKey"],
        );
        delete values.monitoring;
        rejects((v) => Object.assign(v, values), "grafanaPassword", /unknown config key/);
    });

    it("rejects a retention Prometheus would not parse", () =>
        rejects((v) => (v.monitoring = { prometheus: { retention: "two days" } }), "monitoring.prometheus.retention", /duration/));
    it("rejects a retention size without a unit", () =>
        rejects((v) => (v.monitoring = { prometheus: { retentionSize: "45" } }), "monitoring.prometheus.retentionSize", /45GiB/));
    it("rejects a volume size Kubernetes would not parse", () =>
        rejects((v) => (v.monitoring = { prometheus: { storageSize: "50GB" } }), "monitoring.prometheus.storageSize", /not a memory quantity/));
    it("rejects a node port outside the node port range", () =>
        rejects((v) => (v.monitoring = { grafana: { nodePort: 3000 } }), "monitoring.grafana.nodePort", /30000-32767/));
    it("rejects an unknown monitoring key", () => rejects((v) => (v.monitoring = { grafna: {} }), "monitoring.grafna", /unknown key/));

    it("rejects an app on Grafana's node port on kind", () =>
        rejects(
            (v) => {
                v.cluster = { type: "kind" };
                v.apps[0].nodePort = 30300;
            },
            "apps[0].nodePort",
            /30300 is already used by Grafana/,
        ));

    it("rejects an app in the monitoring namespace, which runs privileged", () =>
        rejects((v) => (v.apps[1].namespace = "monitoring"), "apps[1].namespace", /monitoring namespace.*app namespace/));
    it("rejects the monitoring namespace as the apps' default namespace", () =>
        rejects((v) => (v.namespaces = { apps: "monitoring" }), "namespaces.apps", /monitoring namespace/));

    it("rejects an Alertmanager config that routes to an unknown receiver, without quoting it", () => {
        const error = rejects(
            (v) =>
                (v.alertmanagerConfig =
                    "route:\n  receiver: pager\nreceivers:\n  - name: slack\n    slack_configs: [{ api_url: 'https://hooks.slack.com/services/SECRET' }]\n"),
            "monitoring.alertmanager.configSecret",
            /'alertmanagerConfig' routes to receiver 'pager', which is not in 'receivers' \(slack\)/,
        );
        assert.ok(!error.message.includes("SECRET"));
    });

    it("checks the Alertmanager config's shape", () => {
        assert.equal(alertmanagerConfigProblem("route: { receiver: a }\nreceivers: [{ name: a }]"), undefined);
        assert.equal(alertmanagerConfigProblem('{"route": {"receiver": "a"}, "receivers": [{"name": "a"}]}'), undefined);
        assert.match(alertmanagerConfigProblem("route: [")!, /not valid YAML/);
        assert.match(alertmanagerConfigProblem("- a")!, /must be a YAML mapping/);
        assert.match(alertmanagerConfigProblem("route: { receiver: a }")!, /no 'receivers'/);
        assert.match(alertmanagerConfigProblem("receivers: [{ name: a }]")!, /no 'route'/);
        assert.match(alertmanagerConfigProblem("route: { receiver: a }\nreceivers: [{ url: x }]")!, /without a 'name'/);
    });

    it("leaves secret content unchecked in an offline plan, where values are placeholders", () => {
        const values = validValues();
        values.alertmanagerConfig = "[secret]";
        assert.doesNotThrow(() => parseStackConfig({ stack: "test", values }, { allowMissingSecrets: true }));
    });
});
