// A generated stack config with N applications, for measuring how evaluation scales:
// the dev stack's first app, cloned N times, and a health check of the first clone.
import type { StackFile } from "../../offline/stackFile";

export function withGeneratedApps(file: StackFile, count: number): StackFile {
    const appsKey = `${file.project}:apps`;
    const jobsKey = `${file.project}:jobs`;
    const [template] = JSON.parse(file.config[appsKey] ?? "[]") as Record<string, unknown>[];
    if (!template) {
        throw new Error(`stack '${file.stack}' has no app to clone`);
    }
    const apps = Array.from({ length: count }, (_, index) => {
        const app: Record<string, unknown> = { ...template, name: `app-${index + 1}` };
        delete app.nodePort;
        return app;
    });
    const jobs = (JSON.parse(file.config[jobsKey] ?? "[]") as Record<string, unknown>[]).map((job) =>
        job.healthCheck ? { ...job, healthCheck: { ...(job.healthCheck as object), targets: ["app-1"] } } : job,
    );
    return { ...file, config: { ...file.config, [appsKey]: JSON.stringify(apps), [jobsKey]: JSON.stringify(jobs) } };
}
