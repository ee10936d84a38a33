// The backups add-on (EKS): Velero backs up the app namespaces and the monitoring
// namespace every day to a versioned S3 bucket, with CSI snapshots of their EBS volumes,
// keeping each backup for the configured retention. docs/day-two.md ("Backups") says how to restore;
// tools/restoreDrill.ts rehearses it.
import { defineAddon } from "../contract";
import { helmAddonPlacement } from "../helmAddon";
import { VELERO_CHART } from "./charts";
import { backups } from "./config";
import { SCHEDULE_NAME } from "./schedule";
import { VELERO_RELEASE } from "./veleroValues";

export const backupsAddon = defineAddon({
    name: "backups",
    configKey: "backups",
    schema: backups,
    runsOn: ["eks"],
    enabled: (section) => section.enabled,
    // Restricted: the server and its plugin init container get a restricted security context (veleroValues.ts); the node
    // agent, which would need hostPath and root, is not deployed.
    namespace: { key: "backups", defaultName: "velero", podSecurity: "restricted" },
    charts: [VELERO_CHART],
    // No kubernetes-models package covers Velero or the CSI snapshot API: their CRDs' schemas do.
    crdSchemas: { "velero.io/Schedule": "velero.io_schedules", "snapshot.storage.k8s.io/VolumeSnapshotClass": "snapshot.storage.k8s.io_volumesnapshotclasses" },
    uses: ["prometheusOperatorCrds", "metricsScraper"],
    provides: [],
    deploy: ({ config, settings, namespace, cluster, capabilities, provider, tags, parent }) => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: keeps the AWS SDKs off the dev path
        const { Backups } = require("./backups") as typeof import("./backups");
        // The teams' namespaces too: what Flux or a team deploys there is the stack's as much as its apps.
        const appNamespaces = [
            ...[...settings.apps, ...settings.jobs].map((workload) => workload.namespace ?? settings.namespaces.apps),
            ...settings.teams.flatMap((team) => team.namespaces),
        ];
        const monitoring = capabilities.get("metricsScraper")?.namespace;
        const included = [...new Set([...appNamespaces, ...(monitoring ? [monitoring] : []), ...config.extraNamespaces])].sort();
        const component = new Backups(
            "backups",
            {
                ...helmAddonPlacement({ namespace, provider, capabilities }),
                environment: settings.environment,
                cron: config.schedule,
                retentionDays: config.retentionDays,
                includedNamespaces: included,
                includeSecrets: config.includeSecrets,
                cluster: {
                    name: cluster.name,
                    kubernetesVersion: cluster.config.kubernetesVersion,
                    readiness: cluster.readiness,
                    protect: cluster.config.protect,
                },
                workloadIdentity: cluster.workloadIdentity,
                resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "1", memory: "512Mi" } },
                tags,
            },
            { parent, dependsOn: [namespace.resource] },
        );
        return {
            capabilities: {},
            outputs: {
                backups: {
                    bucket: component.bucket.bucket.bucket,
                    schedule: `${VELERO_RELEASE}/${SCHEDULE_NAME}`,
                    namespaces: included,
                    restore: `velero restore create --from-schedule ${SCHEDULE_NAME} -n ${namespace.name}`,
                },
            },
        };
    },
});
