// The bounded load of a scaling test (pure): a Job that sends a fixed number of requests at
// a fixed rate to an app through its Service, and the NetworkPolicy that lets its pod reach
// the app (app namespaces deny all egress by default). Both run under the restricted Pod
// Security Standard like every workload of the platform.
import { selectorLabels, workloadLabels } from "../../components/workloads/labels";
import { containerSecurityContext, podSecurityContext } from "../../components/workloads/podSecurity";

/** curl with --rate (7.84+) and %{stderr} in --write-out; the health check runs the same image. */
export const LOAD_IMAGE = "curlimages/curl:8.11.1";

export interface LoadSpec {
    /** The app under load: its Service has the app's name. */
    readonly app: string;
    readonly namespace: string;
    readonly environment: string;
    /** Port of the app's Service. */
    readonly servicePort: number;
    readonly path: string;
    readonly requests: number;
    readonly ratePerSecond: number;
}

export const loadTestName = (app: string) => `${app}-loadtest`;

/** How long the load lasts at its rate. */
export const loadSeconds = (spec: Pick<LoadSpec, "requests" | "ratePerSecond">) => Math.ceil(spec.requests / spec.ratePerSecond);

/**
 * The Job's command: one curl sending `requests` requests, at most `ratePerSecond` a second,
 * each to its own URL (?n=1..N, curl's URL globbing), bodies discarded, status codes counted.
 * It fails unless 95% answer 2xx, so a broken app is not mistaken for an idle one.
 */
export function loadScript(spec: LoadSpec): string {
    const url = `http://${spec.app}.${spec.namespace}.svc:${spec.servicePort}${spec.path}?n=[1-${spec.requests}]`;
    const needed = Math.ceil(spec.requests * 0.95);
    return [
        `curl -sS --rate ${spec.ratePerSecond}/s -w '%{stderr}%{http_code}\\n' '${url}' >/dev/null 2>/tmp/codes || true`,
        `ok=$(grep -c '^2' /tmp/codes || true)`,
        `echo "requests=${spec.requests} ok=$ok"; sort /tmp/codes | uniq -c`,
        `[ "$ok" -ge ${needed} ]`,
    ].join("\n");
}

export function loadTestObjects(spec: LoadSpec): Record<string, unknown>[] {
    const name = loadTestName(spec.app);
    const labels = { ...workloadLabels(name, spec.environment, "load-test"), "platform/load-test": spec.app };
    const metadata = { name, namespace: spec.namespace, labels };
    const networkPolicy = {
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata,
        spec: {
            podSelector: { matchLabels: selectorLabels(name, spec.environment) },
            policyTypes: ["Egress"],
            // The app's container port is named http (components/workloads/webService.ts); its own policy admits pods of its namespace.
            egress: [{ to: [{ podSelector: { matchLabels: selectorLabels(spec.app, spec.environment) } }], ports: [{ protocol: "TCP", port: "http" }] }],
        },
    };
    const job = {
        apiVersion: "batch/v1",
        kind: "Job",
        metadata,
        spec: {
            backoffLimit: 0,
            // Bounded: the load's own duration plus a minute, whatever curl does.
            activeDeadlineSeconds: loadSeconds(spec) + 60,
            ttlSecondsAfterFinished: 600,
            template: {
                metadata: { labels },
                spec: {
                    restartPolicy: "Never",
                    automountServiceAccountToken: false,
                    securityContext: podSecurityContext(10001),
                    containers: [
                        {
                            name: "load",
                            image: LOAD_IMAGE,
                            command: ["/bin/sh", "-c", loadScript(spec)],
                            resources: { requests: { cpu: "100m", memory: "32Mi" }, limits: { cpu: "500m", memory: "64Mi" } },
                            securityContext: containerSecurityContext(),
                            volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
                        },
                    ],
                    volumes: [{ name: "tmp", emptyDir: {} }],
                },
            },
        },
    };
    return [networkPolicy, job];
}
