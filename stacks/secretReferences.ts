// Secrets never live in the structured config: it names project config keys that hold
// them (set with `pulumi config set --secret <key>`), and this lists every such reference.
import type { PlatformSettings } from "./schema/platform";

export interface SecretReference {
    /** The project config key holding the secret value. */
    configKey: string;
    /** Where the structured config refers to it, e.g. `apps[0].secretEnv.API_KEY`. */
    usedAt: string;
    /** A required secret must be set before `pulumi up`; an optional one falls back to a default. */
    required: boolean;
}

export function secretReferences(config: PlatformSettings): SecretReference[] {
    return [...workloadReferences(config), ...monitoringReferences(config), ...gitopsReferences(config)];
}

function workloadReferences(config: PlatformSettings): SecretReference[] {
    const workloads = [
        ...config.apps.map((app, index) => ({ at: `apps[${index}]`, secretEnv: app.secretEnv })),
        ...config.jobs.map((job, index) => ({ at: `jobs[${index}]`, secretEnv: job.secretEnv })),
    ];
    return workloads.flatMap(({ at, secretEnv }) =>
        Object.entries(secretEnv).map(([envVar, configKey]) => ({ configKey, usedAt: `${at}.secretEnv.${envVar}`, required: true })),
    );
}

/** Both are optional: unset, Grafana gets a generated password and Alertmanager the chart's default config. */
function monitoringReferences(config: PlatformSettings): SecretReference[] {
    const { grafana, alertmanager } = config.monitoring;
    return [
        { configKey: grafana.adminPasswordSecret, usedAt: "monitoring.grafana.adminPasswordSecret", required: false },
        { configKey: alertmanager.configSecret, usedAt: "monitoring.alertmanager.configSecret", required: false },
    ];
}

/** Git credentials are required while GitOps is enabled; while it is off they may stay set. */
function gitopsReferences(config: PlatformSettings): SecretReference[] {
    const credentials = config.gitops.repository?.credentials;
    if (!credentials) {
        return [];
    }
    const at = "gitops.repository.credentials";
    const required = config.gitops.enabled;
    return credentials.type === "ssh"
        ? [
              { configKey: credentials.identitySecret, usedAt: `${at}.identitySecret`, required },
              { configKey: credentials.knownHostsSecret, usedAt: `${at}.knownHostsSecret`, required },
          ]
        : [{ configKey: credentials.passwordSecret, usedAt: `${at}.passwordSecret`, required }];
}
