// The stack's application workloads: a WebService per app and a ScheduledJob per job,
// with images, secrets and health-check targets resolved from the platform config.
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ScheduledJobConfig, WebServiceConfig } from "../../stacks/schema/workloads";
import { HealthCheckTarget, healthCheckScript } from "./healthCheckScript";
import { appImage } from "./imageSource";
import { ScheduledJob } from "./scheduledJob";
import { WebService } from "./webService";

export interface WorkloadsArgs {
    apps: WebServiceConfig[];
    jobs: ScheduledJobConfig[];
    environment: string;
    defaultNamespace: string;
    monitoringNamespace: string;
    /** Secret values by config key. */
    secrets: Record<string, pulumi.Output<string>>;
    /** Registry repository URL per app name, on stacks with a registry. */
    repositoryUrls?: Record<string, pulumi.Input<string>>;
    /** Where node-port traffic comes from, for apps with a nodePort. */
    nodePortSources: k8s.types.input.networking.v1.IPBlock;
    /** Set when the ServiceMonitor CRD is installed. */
    serviceMonitor?: { dependsOn: pulumi.Input<pulumi.Resource>[] };
    provider: k8s.Provider;
}

export class Workloads extends pulumi.ComponentResource {
    public readonly services: Record<string, WebService> = {};
    public readonly jobs: Record<string, ScheduledJob> = {};

    constructor(name: string, args: WorkloadsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:workloads:Workloads", name, {}, opts);
        const secretEnv = (refs: Record<string, string>) =>
            Object.fromEntries(Object.entries(refs).map(([envVar, configKey]) => [envVar, args.secrets[configKey]]));

        for (const app of args.apps) {
            this.services[app.name] = new WebService(
                app.name,
                {
                    app,
                    environment: args.environment,
                    namespace: app.namespace ?? args.defaultNamespace,
                    image: appImage(app, args.repositoryUrls?.[app.name]),
                    secretEnv: secretEnv(app.secretEnv),
                    monitoringNamespace: args.monitoringNamespace,
                    nodePortSources: args.nodePortSources,
                    serviceMonitor: args.serviceMonitor,
                    provider: args.provider,
                },
                { parent: this },
            );
        }

        for (const job of args.jobs) {
            const targets = (job.healthCheck?.targets ?? []).map((target) => this.services[target]);
            const command = job.healthCheck
                ? healthCheckCommand(job, targets.map((service) => ({ name: service.appName, url: service.url + service.readinessPath })))
                : undefined;
            this.jobs[job.name] = new ScheduledJob(
                job.name,
                {
                    job,
                    environment: args.environment,
                    namespace: job.namespace ?? args.defaultNamespace,
                    command,
                    secretEnv: secretEnv(job.secretEnv),
                    provider: args.provider,
                },
                // A health check probes services: create it after them, delete it before them.
                { parent: this, dependsOn: targets.map((service) => service.service) },
            );
        }

        this.registerOutputs({
            serviceUrls: Object.fromEntries(Object.entries(this.services).map(([appName, service]) => [appName, service.url])),
        });
    }
}

function healthCheckCommand(job: ScheduledJobConfig, targets: HealthCheckTarget[]): string[] {
    const logFile = job.storage ? `${job.storage.mountPath}/health_check.log` : undefined;
    return ["/bin/sh", "-c", healthCheckScript(targets, job.healthCheck!.timeoutSeconds, logFile)];
}
