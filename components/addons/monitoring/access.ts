// How people reach Grafana, Prometheus and Alertmanager: on kind through the node ports
// that the kind config maps to host ports, elsewhere through `kubectl port-forward`
// (their Services stay ClusterIP). Service names follow from the fixed release name.
import type { Exposure } from "./profile";

export const KUBE_PROMETHEUS_STACK_RELEASE = "kube-prometheus-stack";

export const MONITORING_SERVICES = {
    grafana: { service: `${KUBE_PROMETHEUS_STACK_RELEASE}-grafana`, port: 80, localPort: 3000 },
    prometheus: { service: `${KUBE_PROMETHEUS_STACK_RELEASE}-prometheus`, port: 9090, localPort: 9090 },
    alertmanager: { service: `${KUBE_PROMETHEUS_STACK_RELEASE}-alertmanager`, port: 9093, localPort: 9093 },
} as const;

export type MonitoringUi = keyof typeof MONITORING_SERVICES;

export function portForwardCommand(namespace: string, ui: MonitoringUi): string {
    const { service, port, localPort } = MONITORING_SERVICES[ui];
    return `kubectl -n ${namespace} port-forward svc/${service} ${localPort}:${port}`;
}

/** A URL where a kind port mapping exposes the UI, otherwise the port-forward command to run (then open http://localhost:<port>). */
export function monitoringAccess(
    namespace: string,
    exposure: Exposure,
    portMappings: readonly { containerPort: number; hostPort: number }[],
): Record<MonitoringUi, string> {
    const viaNodePort = (ui: MonitoringUi, nodePort: number) => {
        const mapping = portMappings.find((m) => m.containerPort === nodePort);
        return mapping ? `http://localhost:${mapping.hostPort}` : portForwardCommand(namespace, ui);
    };
    return {
        grafana: exposure.type === "NodePort" ? viaNodePort("grafana", exposure.grafanaNodePort) : portForwardCommand(namespace, "grafana"),
        prometheus: exposure.type === "NodePort" ? viaNodePort("prometheus", exposure.prometheusNodePort) : portForwardCommand(namespace, "prometheus"),
        alertmanager: portForwardCommand(namespace, "alertmanager"),
    };
}
