// Restore drill: restores the newest completed backup of Velero's daily schedule into
// scratch namespaces (`<namespace>-drill`, so nothing live is overwritten), waits for the
// restore, reports what came back, and deletes the scratch namespaces. Needs kubectl and
// the velero CLI pointed at the cluster (the stack's kubeconfig).
//   node --require ./tools/typescript-loader.cjs tools/restoreDrill.ts [--namespace velero] [--schedule daily] [--only apps] [--dry-run]
// `--only` restores some of the backed-up namespaces (e.g. the apps', whose restored copies
// the admission policies accept; monitoring's node-exporter would be refused outside its
// privileged namespace).
// The pure parts (choosing the backup, the commands, judging the result) are unit-tested
// (test/backups.test.ts); main only runs them.
import { spawnSync } from "node:child_process";

import { parseCommandLine } from "./commandLine";

export interface BackupItem {
    metadata: { name: string; labels?: Record<string, string> };
    spec?: { includedNamespaces?: string[] };
    status?: { phase?: string; completionTimestamp?: string };
}

/** Velero labels each scheduled backup with its schedule's name (velero.io/schedule-name). */
export const SCHEDULE_LABEL = "velero.io/schedule-name";

/** The newest Completed backup of the schedule, from `kubectl get backups.velero.io -o json`. */
export function latestCompletedBackup(list: { items: BackupItem[] }, schedule: string): BackupItem | undefined {
    return list.items
        .filter((backup) => backup.metadata.labels?.[SCHEDULE_LABEL] === schedule && backup.status?.phase === "Completed")
        .sort((a, b) => (b.status?.completionTimestamp ?? "").localeCompare(a.status?.completionTimestamp ?? ""))[0];
}

/** Each backed-up namespace restored beside itself, never over itself. */
export function drillMappings(namespaces: readonly string[]): string {
    return namespaces.map((namespace) => `${namespace}:${namespace}-drill`).join(",");
}

export interface DrillPlan {
    restoreName: string;
    commands: string[][];
    cleanup: string[][];
}

/** The restore of `only` (default: every namespace of the backup) into scratch namespaces, and their removal. */
export function drillCommands(backup: BackupItem, veleroNamespace: string, now: Date, only?: readonly string[]): DrillPlan {
    const namespaces = only && only.length > 0 ? [...only] : (backup.spec?.includedNamespaces ?? []);
    const restoreName = `drill-${now.toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").toLowerCase()}`;
    return {
        restoreName,
        commands: [
            [
                "velero",
                "restore",
                "create",
                restoreName,
                "--namespace",
                veleroNamespace,
                "--from-backup",
                backup.metadata.name,
                "--include-namespaces",
                namespaces.join(","),
                "--namespace-mappings",
                drillMappings(namespaces),
                "--wait",
            ],
            ["velero", "restore", "describe", restoreName, "--namespace", veleroNamespace, "--details"],
        ],
        cleanup: namespaces.map((namespace) => ["kubectl", "delete", "namespace", `${namespace}-drill`, "--ignore-not-found", "--wait=false"]),
    };
}

/** Whether the restore, from `kubectl get restores.velero.io <name> -o json`, succeeded, and what went wrong if not. */
export function drillOutcome(restore: { status?: { phase?: string; errors?: number; warnings?: number } }): { ok: boolean; summary: string } {
    const status = restore.status ?? {};
    const summary = `phase ${status.phase ?? "unknown"}, ${status.errors ?? 0} errors, ${status.warnings ?? 0} warnings`;
    return { ok: status.phase === "Completed" && (status.errors ?? 0) === 0, summary };
}

const USAGE = `usage: node --require ./tools/typescript-loader.cjs tools/restoreDrill.ts [options]
  --namespace <ns>   Velero's namespace (velero)
  --schedule <name>  the schedule whose newest completed backup is restored (daily)
  --only <ns>        restore only this backed-up namespace (repeatable; default: all of the backup)
  --dry-run          read the backups (kubectl), print the drill's commands, run none`;

/** A command that failed: its message is the whole report, without a stack trace. */
class CommandFailed extends Error {}

function run(command: string[], dryRun: boolean): string {
    console.log(`$ ${command.join(" ")}`);
    if (dryRun) {
        return "";
    }
    const result = spawnSync(command[0], command.slice(1), { encoding: "utf8" });
    if (result.error || result.status !== 0) {
        throw new CommandFailed(`${command.join(" ")} failed: ${result.error?.message ?? result.stderr.trim()}`);
    }
    return result.stdout;
}

function main(): number {
    try {
        return drill(process.argv.slice(2));
    } catch (error) {
        if (error instanceof CommandFailed) {
            console.error(`restore drill: ${error.message}`);
            return 1;
        }
        throw error;
    }
}

function drill(args: string[]): number {
    const line = parseCommandLine(
        args,
        {
            namespace: { type: "string", default: "velero" },
            schedule: { type: "string", default: "daily" },
            "dry-run": { type: "boolean", default: false },
            only: { type: "string", multiple: true },
        },
        USAGE,
    );
    if ("exit" in line) {
        return line.exit;
    }
    const { values } = line;
    const namespace = values.namespace!;
    const dryRun = values["dry-run"]!;
    // Read even on a dry run: which backup and which namespaces are what the drill's commands name.
    const list = JSON.parse(run(["kubectl", "get", "backups.velero.io", "--namespace", namespace, "-o", "json"], false)) as { items: BackupItem[] };
    const backup = latestCompletedBackup(list, values.schedule!);
    if (!backup) {
        console.error(`no Completed backup of schedule '${values.schedule}' in namespace ${namespace}: velero backup get -n ${namespace}`);
        return 1;
    }
    const plan = drillCommands(backup, namespace, new Date(), values.only);
    try {
        plan.commands.forEach((command) => run(command, dryRun));
        if (dryRun) {
            return 0;
        }
        const outcome = drillOutcome(
            JSON.parse(run(["kubectl", "get", "restores.velero.io", plan.restoreName, "--namespace", namespace, "-o", "json"], false)),
        );
        console.log(`restore ${plan.restoreName} of ${backup.metadata.name}: ${outcome.summary}`);
        return outcome.ok ? 0 : 1;
    } finally {
        plan.cleanup.forEach((command) => run(command, dryRun));
    }
}

if (require.main === module) {
    process.exitCode = main();
}
