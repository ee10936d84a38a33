// Hand-made resources as the rules see them: compliant by default, broken one field
// at a time by the tests.
import type { PolicyResource } from "../../policy/rule";

export const T = {
    deployment: "kubernetes:apps/v1:Deployment",
    statefulSet: "kubernetes:apps/v1:StatefulSet",
    cronJob: "kubernetes:batch/v1:CronJob",
    job: "kubernetes:batch/v1:Job",
    pod: "kubernetes:core/v1:Pod",
    service: "kubernetes:core/v1:Service",
    configMap: "kubernetes:core/v1:ConfigMap",
    hpa: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
    pdb: "kubernetes:policy/v1:PodDisruptionBudget",
    serviceMonitor: "kubernetes:monitoring.coreos.com/v1:ServiceMonitor",
    namespace: "kubernetes:core/v1:Namespace",
    helmRelease: "kubernetes:helm.sh/v3:Release",
    eksCluster: "eks:index:Cluster",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    ecrRepository: "aws:ecr/repository:Repository",
    awsxRepository: "awsx:ecr:Repository",
};

export function labels(app = "web", env = "dev"): Record<string, string> {
    return { app, env, "app.kubernetes.io/name": app };
}

export function container(name = "web"): Record<string, any> {
    return {
        name,
        image: "ghcr.io/acme/web:1.4.2",
        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
        readinessProbe: { httpGet: { path: "/readyz", port: "http" } },
        securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            capabilities: { drop: ["ALL"] },
            seccompProfile: { type: "RuntimeDefault" },
        },
    };
}

export function podSpec(): Record<string, any> {
    return { securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } }, containers: [container()] };
}

export function deployment(name = "web", replicas = 1): PolicyResource {
    return {
        type: T.deployment,
        name,
        inputs: {
            metadata: { name, namespace: "apps", labels: labels(name) },
            spec: {
                replicas,
                selector: { matchLabels: { app: name, env: "dev" } },
                template: { metadata: { labels: labels(name) }, spec: podSpec() },
            },
        },
    };
}

export function cronJob(name = "report"): PolicyResource {
    const spec = podSpec();
    delete spec.containers[0].readinessProbe;
    return {
        type: T.cronJob,
        name,
        inputs: {
            metadata: { name, namespace: "apps", labels: labels(name) },
            spec: { schedule: "*/5 * * * *", jobTemplate: { spec: { template: { metadata: { labels: labels(name) }, spec } } } },
        },
    };
}

export function hpa(target: string, minReplicas: number, maxReplicas = 4): PolicyResource {
    return {
        type: T.hpa,
        name: target,
        inputs: {
            metadata: { name: target, namespace: "apps", labels: labels(target) },
            spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: target }, minReplicas, maxReplicas },
        },
    };
}

export function pdb(app: string, namespace = "apps"): PolicyResource {
    return {
        type: T.pdb,
        name: app,
        inputs: {
            metadata: { name: app, namespace, labels: labels(app) },
            spec: { maxUnavailable: 1, selector: { matchLabels: { app, env: "dev" } } },
        },
    };
}

export function service(type = "ClusterIP", env = "dev"): PolicyResource {
    return {
        type: T.service,
        name: "web",
        inputs: { metadata: { name: "web", namespace: "apps", labels: labels("web", env) }, spec: { type, selector: { app: "web" }, ports: [{ port: 80 }] } },
    };
}

/** A deep copy of the resource with one change applied to its inputs. */
export function changed(resource: PolicyResource, change: (inputs: any) => void): PolicyResource {
    const copy = structuredClone(resource);
    change(copy.inputs);
    return copy;
}

/** The first container of a Deployment's (or Pod's) inputs. */
export const firstContainer = (inputs: any) => (inputs.spec.template?.spec ?? inputs.spec).containers[0];
