// A small valid platform config that tests copy and break one key at a time.

export function validValues(): Record<string, any> {
    return {
        environment: "test",
        cluster: { type: "existing", context: "kind-test" },
        apps: [
            {
                name: "web",
                image: "ghcr.io/stefanprodan/podinfo:6.7.1",
                containerPort: 9898,
                replicas: { min: 2, max: 4 },
                probes: { readiness: { path: "/readyz" }, liveness: { path: "/healthz" } },
                metrics: { path: "/metrics" },
                config: { GREETING: "hello" },
                secretEnv: { API_KEY: "webApiKey" },
                writablePaths: ["/logs"],
            },
            { name: "worker", image: "ghcr.io/stefanprodan/podinfo:6.7.1", containerPort: 8080 },
        ],
        jobs: [
            {
                name: "health-check",
                image: "curlimages/curl:8.11.1",
                schedule: "*/5 * * * *",
                healthCheck: { targets: ["web", "worker"] },
                storage: { size: "1Gi", mountPath: "/var/log/health" },
            },
        ],
        webApiKey: "not-a-real-key",
    };
}
