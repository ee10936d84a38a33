// Proof that an app scales: sends a bounded load to it (a Job with a fixed request count and
// rate), watches its HPA (KEDA's, for apps with Prometheus triggers) and, optionally, the
// trigger's query in Prometheus, and passes once the HPA reaches the expected replica count.
// Cleans up the Job and its NetworkPolicy either way. Needs kubectl and a kubeconfig.
//   npm run loadtest -- --app backend-api --rate 50 --requests 12000 --expect 3 --kubeconfig kubeconfig.yaml
import { execFileSync } from "node:child_process";

import { parseCommandLine } from "../commandLine";
import { loadSeconds, loadTestName, loadTestObjects } from "./loadJob";
import { hpaStatus, instantValue, verdict, type Sample } from "./results";

const USAGE = `usage: npm run loadtest -- --app <name> --rate <requests/s> --requests <n> --expect <replicas> [options]
  --namespace <ns>          the app's namespace (apps)
  --environment <env>       the stack's environment, for the labels (dev)
  --port <port>             the app's Service port (80)
  --path <path>             the path to request (/)
  --query <promql>          also sample this query (e.g. the app's trigger) through the API server's service proxy
  --prometheus <ns/svc:port> where Prometheus is (monitoring/kube-prometheus-stack-prometheus:9090)
  --timeout <seconds>       how long to wait for the replicas (the load's duration plus 180)
  --kubeconfig <file>       kubeconfig to use (kubectl's default otherwise)`;

function main(): number {
    const line = parseCommandLine(
        process.argv.slice(2),
        {
            app: { type: "string" },
            rate: { type: "string" },
            requests: { type: "string" },
            expect: { type: "string" },
            namespace: { type: "string", default: "apps" },
            environment: { type: "string", default: "dev" },
            port: { type: "string", default: "80" },
            path: { type: "string", default: "/" },
            query: { type: "string" },
            prometheus: { type: "string", default: "monitoring/kube-prometheus-stack-prometheus:9090" },
            timeout: { type: "string" },
            kubeconfig: { type: "string" },
        },
        USAGE,
    );
    if ("exit" in line) {
        return line.exit;
    }
    const { values } = line;
    const number = (value: string | undefined) => (value === undefined ? NaN : Number(value));
    const spec = {
        app: values.app ?? "",
        namespace: values.namespace!,
        environment: values.environment!,
        servicePort: number(values.port),
        path: values.path!,
        requests: number(values.requests),
        ratePerSecond: number(values.rate),
    };
    const expected = number(values.expect);
    if (!spec.app || ![spec.requests, spec.ratePerSecond, expected, spec.servicePort].every((n) => Number.isInteger(n) && n > 0)) {
        console.error(USAGE);
        return 2;
    }
    const kubectl = (args: string[], input?: string) =>
        execFileSync("kubectl", [...(values.kubeconfig ? ["--kubeconfig", values.kubeconfig] : []), ...args], {
            input,
            encoding: "utf8",
            stdio: ["pipe", "pipe", "inherit"],
        });
    const [promNamespace, promService] = values.prometheus!.split("/");
    const sampleMetric = values.query
        ? () =>
              instantValue(
                  kubectl([
                      "get",
                      "--raw",
                      `/api/v1/namespaces/${promNamespace}/services/${promService}/proxy/api/v1/query?query=${encodeURIComponent(values.query!)}`,
                  ]),
              )
        : () => undefined;

    const timeout = values.timeout ? number(values.timeout) : loadSeconds(spec) + 180;
    const objects = loadTestObjects(spec);
    kubectl(["delete", "job,networkpolicy", "-n", spec.namespace, "-l", `platform/load-test=${spec.app}`, "--ignore-not-found", "--wait=true"]);
    kubectl(["apply", "-f", "-"], JSON.stringify({ apiVersion: "v1", kind: "List", items: objects }));
    console.log(
        `load: ${spec.requests} requests at ${spec.ratePerSecond}/s (${loadSeconds(spec)}s) to ${spec.app}.${spec.namespace}; expecting ${expected} replicas within ${timeout}s`,
    );
    const started = Date.now();
    const samples: Sample[] = [];
    try {
        for (;;) {
            const at = Math.round((Date.now() - started) / 1000);
            const status = hpaStatus(kubectl(["get", "hpa", spec.app, "-n", spec.namespace, "-o", "json"]));
            const sample = { at, replicas: status.current, metric: sampleMetric() };
            samples.push(sample);
            console.log(
                `${at}s: replicas ${status.current} (desired ${status.desired}, max ${status.max})${sample.metric === undefined ? "" : `, metric ${sample.metric}`}`,
            );
            if (verdict(samples, expected).passed || at >= timeout) {
                break;
            }
            execFileSync("sleep", ["10"]);
        }
    } finally {
        kubectl(["delete", "job,networkpolicy", "-n", spec.namespace, "-l", `platform/load-test=${spec.app}`, "--ignore-not-found"]);
    }
    const result = verdict(samples, expected);
    console.log(`${result.passed ? "PASS" : "FAIL"}: ${spec.app} ${result.message} (${loadTestName(spec.app)})`);
    return result.passed ? 0 : 1;
}

if (require.main === module) {
    process.exitCode = main();
}
