// Which workloads an update deploys (pure): every app but those held back (their image is
// not pushed yet), and every job but the health checks that probe a held-back app.
import type { CoreSettings } from "../../stacks/schema/core";

/** The apps and jobs one update deploys: computed once per update (program.ts) and handed down. */
export type DeployedWorkloads = Pick<CoreSettings, "apps" | "jobs">;

export function deployedWorkloads(settings: CoreSettings, heldBack: ReadonlyMap<string, string>): DeployedWorkloads {
    return {
        apps: settings.apps.filter((app) => !heldBack.has(app.name)),
        jobs: settings.jobs.filter((job) => !(job.healthCheck?.targets ?? []).some((target) => heldBack.has(target))),
    };
}
