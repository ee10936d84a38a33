// The shell script of a health-check job: one HTTP probe per target service, a line of
// results per run (appended to a log file when the job has storage), and a non-zero
// exit when any target fails, so the Job's failure is visible to Kubernetes and alerts.

export interface HealthCheckTarget {
    name: string;
    url: string;
}

export function healthCheckScript(targets: readonly HealthCheckTarget[], timeoutSeconds: number, logFile?: string): string {
    const sink = logFile ? ` | tee -a ${shellQuote(logFile)}` : "";
    const lines = [
        "set -u",
        "failed=0",
        "check() {",
        `  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time ${timeoutSeconds} "$2" || true)`,
        '  if [ "$code" -ge 200 ] 2>/dev/null && [ "$code" -lt 400 ]; then result=ok; else result=FAIL; failed=1; fi',
        `  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $1 $2 $code $result"${sink}`,
        "}",
        ...targets.map((target) => `check ${shellQuote(target.name)} ${shellQuote(target.url)}`),
        'exit "$failed"',
    ];
    return lines.join("\n");
}

function shellQuote(text: string): string {
    return `'${text.replace(/'/g, `'\\''`)}'`;
}
