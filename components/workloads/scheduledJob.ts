// A scheduled job: a CronJob that never runs twice at once and keeps a bounded
// history, with an optional PersistentVolumeClaim that keeps its output across runs, and
// a NetworkPolicy that lets its pods reach only what they need.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import type { ScheduledJobConfig } from "../../stacks/schema/workloads";
import { containerEnvironment } from "./environment";
import { selectorLabels, workloadLabels } from "./labels";
import { jobPolicySpec, JobTarget } from "./networkPolicies";
import { containerSecurityContext, podSecurityContext, writableScratch } from "./podSecurity";
import { workloadSecret } from "./workloadSecret";

export interface ScheduledJobArgs {
    /** The job's config from the stack's `jobs`, defaults applied. */
    job: ScheduledJobConfig;
    /** The stack's environment (`platform:environment`): the `env` label of every object. */
    environment: string;
    /** The namespace the job runs in (its `namespace`, else `namespaces.apps`). */
    namespace: string;
    /** Overrides the job's command, e.g. with a generated health-check script. */
    command?: string[];
    /** Secret env values by variable name (Pulumi secrets): one Secret holds them. Empty: no Secret. */
    secretEnv: Record<string, pulumi.Input<string>>;
    /** What the job's pods may connect to: the apps a health check probes, or anything outside the cluster. */
    egress: { targets: JobTarget[] } | { external: k8s.types.input.networking.v1.IPBlock };
    /** The cluster's Kubernetes provider. */
    provider: k8s.Provider;
}

const STORAGE_VOLUME = "storage";

export class ScheduledJob extends pulumi.ComponentResource {
    public readonly cronJob: k8s.batch.v1.CronJob;

    constructor(name: string, args: ScheduledJobArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:workloads:ScheduledJob", name, {}, opts);
        const { job, environment, namespace } = args;
        const childOpts: pulumi.CustomResourceOptions = { parent: this, provider: args.provider };
        const labels = workloadLabels(job.name, environment, "scheduled-job");
        const metadata = (suffix = "") => ({ name: `${job.name}${suffix}`, namespace, labels });

        const account = new k8s.core.v1.ServiceAccount(job.name, { metadata: metadata(), automountServiceAccountToken: false }, childOpts);

        const secret = workloadSecret({ name: `${job.name}-secret`, namespace, labels, values: args.secretEnv }, childOpts);

        const claim = job.storage
            ? new k8s.core.v1.PersistentVolumeClaim(
                  `${job.name}-data`,
                  {
                      metadata: metadata("-data"),
                      spec: {
                          accessModes: ["ReadWriteOnce"],
                          storageClassName: job.storage.storageClassName,
                          resources: { requests: { storage: job.storage.size } },
                      },
                  },
                  childOpts,
              )
            : undefined;

        const scratch = writableScratch(job.writablePaths);
        const storageMount = job.storage ? [{ name: STORAGE_VOLUME, mountPath: job.storage.mountPath }] : [];
        const storageVolume = claim ? [{ name: STORAGE_VOLUME, persistentVolumeClaim: { claimName: claim.metadata.name } }] : [];

        this.cronJob = new k8s.batch.v1.CronJob(
            job.name,
            {
                metadata: metadata(),
                spec: {
                    schedule: job.schedule,
                    timeZone: job.timeZone,
                    concurrencyPolicy: "Forbid",
                    startingDeadlineSeconds: 120,
                    successfulJobsHistoryLimit: 3,
                    failedJobsHistoryLimit: 3,
                    jobTemplate: {
                        metadata: { labels },
                        spec: {
                            backoffLimit: job.backoffLimit,
                            activeDeadlineSeconds: job.activeDeadlineSeconds,
                            ttlSecondsAfterFinished: 86400,
                            template: {
                                metadata: { labels: { ...labels, ...selectorLabels(job.name, environment) } },
                                spec: {
                                    restartPolicy: "Never",
                                    serviceAccountName: account.metadata.name,
                                    automountServiceAccountToken: false,
                                    securityContext: podSecurityContext(job.runAsUser),
                                    containers: [
                                        {
                                            name: job.name,
                                            image: job.image,
                                            command: args.command ?? job.command,
                                            args: job.args,
                                            ...containerEnvironment({
                                                env: job.env,
                                                secretEnvNames: Object.keys(args.secretEnv),
                                                secret,
                                            }),
                                            resources: job.resources,
                                            securityContext: containerSecurityContext(),
                                            volumeMounts: [...scratch.volumeMounts, ...storageMount],
                                        },
                                    ],
                                    volumes: [...scratch.volumes, ...storageVolume],
                                },
                            },
                        },
                    },
                },
            },
            { ...childOpts, dependsOn: claim ? [claim] : [] },
        );

        new k8s.networking.v1.NetworkPolicy(
            job.name,
            { metadata: metadata(), spec: jobPolicySpec(selectorLabels(job.name, environment), args.egress) },
            childOpts,
        );

        this.registerOutputs({ cronJob: this.cronJob.metadata.name });
    }
}
