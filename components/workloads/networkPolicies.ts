// The network posture of the app namespaces (pure specs): every pod is denied all
// ingress and egress unless a policy admits it; all may resolve names through the
// cluster DNS in kube-system; each app and job then admits exactly what it needs.
// NetworkPolicies are additive (a connection is allowed when any policy selecting the pod
// allows it), so the baseline denies and the per-workload policies allow.
import type * as k8s from "@pulumi/kubernetes";

type NetworkPolicySpec = k8s.types.input.networking.v1.NetworkPolicySpec;
type Peer = k8s.types.input.networking.v1.NetworkPolicyPeer;
type IPBlock = k8s.types.input.networking.v1.IPBlock;

export const DEFAULT_DENY_POLICY = "default-deny";
export const DNS_POLICY = "allow-dns";

const tcp = (port: number) => ({ port, protocol: "TCP" });
const inNamespace = (namespace: string): Peer => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespace } } });

/** Selects every pod of the namespace and allows nothing: ingress and egress are denied by default. */
export function defaultDenySpec(): NetworkPolicySpec {
    return { podSelector: {}, policyTypes: ["Ingress", "Egress"] };
}

/** Name resolution: the cluster DNS (CoreDNS, labelled k8s-app=kube-dns on kind and EKS) in kube-system, port 53. */
export function dnsSpec(): NetworkPolicySpec {
    return {
        podSelector: {},
        policyTypes: ["Egress"],
        egress: [
            {
                to: [{ ...inNamespace("kube-system"), podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
                ports: [
                    { port: 53, protocol: "UDP" },
                    { port: 53, protocol: "TCP" },
                ],
            },
        ],
    };
}

/** A workload in another namespace that must reach an app, e.g. a health check. */
export interface NamespacedPeer {
    namespace: string;
    podLabels: Record<string, string>;
}

export interface WebServicePolicy {
    selector: Record<string, string>;
    containerPort: number;
    metricsPort?: number;
    /** Prometheus runs here, when the stack has it; it scrapes the metrics port (the container port when there is none). */
    monitoringNamespace?: string;
    /** Set for an app with a node port: where node-port traffic comes from. */
    nodePortSources?: IPBlock;
    /** Workloads of other namespaces that call the app. */
    callers: NamespacedPeer[];
    /** Where the app may connect outside the cluster. */
    external: IPBlock;
}

/** An app: its port from its namespace (and callers, node port), metrics from Prometheus; egress outside the cluster only. */
export function webServicePolicySpec(policy: WebServicePolicy): NetworkPolicySpec {
    const scraped = policy.metricsPort ?? policy.containerPort;
    const serving = [tcp(policy.containerPort)];
    return {
        podSelector: { matchLabels: policy.selector },
        policyTypes: ["Ingress", "Egress"],
        ingress: [
            { from: [{ podSelector: {} }, ...policy.callers.map(callerPeer)], ports: serving },
            ...(policy.monitoringNamespace ? [{ from: [inNamespace(policy.monitoringNamespace)], ports: [tcp(scraped)] }] : []),
            ...(policy.nodePortSources ? [{ from: [{ ipBlock: policy.nodePortSources }], ports: serving }] : []),
        ],
        egress: [{ to: [{ ipBlock: policy.external }] }],
    };
}

/** An app a job must reach: its pods and container port. */
export interface JobTarget {
    namespace: string;
    selector: Record<string, string>;
    containerPort: number;
}

/** A health check reaches its targets and nothing else; another job may connect outside the cluster. Jobs serve nothing. */
export function jobPolicySpec(selector: Record<string, string>, egress: { targets: JobTarget[] } | { external: IPBlock }): NetworkPolicySpec {
    const rules =
        "targets" in egress
            ? egress.targets.map((target) => ({
                  to: [{ ...inNamespace(target.namespace), podSelector: { matchLabels: target.selector } }],
                  ports: [tcp(target.containerPort)],
              }))
            : [{ to: [{ ipBlock: egress.external }] }];
    return { podSelector: { matchLabels: selector }, policyTypes: ["Ingress", "Egress"], egress: rules };
}

function callerPeer(caller: NamespacedPeer): Peer {
    return { ...inNamespace(caller.namespace), podSelector: { matchLabels: caller.podLabels } };
}
