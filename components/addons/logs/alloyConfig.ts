// The Alloy pipeline (pure text): every container's log through the Kubernetes API
// (loki.source.kubernetes: no hostPath, no root), from the pods on this Alloy's own node
// only (a field selector on the node name the chart puts in HOSTNAME), labelled with the
// pod's `app` and `env` and its namespace, pod and container, pushed to Loki.
// Components and arguments: grafana/alloy@v1.18.1 docs/sources/reference/components/
// discovery/discovery.kubernetes.md:293-302,456-473, discovery/discovery.relabel.md:80-127,
// loki/loki.source.kubernetes.md:54-61,190-205, loki/loki.write.md:35,65-74.

/** The labels every log stream carries. */
export const STREAM_LABELS = ["app", "env", "namespace", "pod", "container"] as const;

/** An Alloy string literal. */
function quoted(text: string): string {
    return JSON.stringify(text);
}

export function alloyConfig(pushUrl: string, environment: string): string {
    return `discovery.kubernetes "pods" {
  role = "pod"
  selectors {
    role  = "pod"
    field = "spec.nodeName=" + coalesce(sys.env("HOSTNAME"), constants.hostname)
  }
}

discovery.relabel "pods" {
  targets = discovery.kubernetes.pods.targets

  rule {
    source_labels = ["__meta_kubernetes_namespace"]
    target_label  = "namespace"
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_name"]
    target_label  = "pod"
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_container_name"]
    target_label  = "container"
  }
  // app: the pod's app label, else app.kubernetes.io/name (charts set only that).
  rule {
    source_labels = ["__meta_kubernetes_pod_label_app_kubernetes_io_name"]
    regex         = "(.+)"
    target_label  = "app"
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_label_app"]
    regex         = "(.+)"
    target_label  = "app"
  }
  // env: the pod's env label, else the cluster's environment.
  rule {
    target_label = "env"
    replacement  = ${quoted(environment)}
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_label_env"]
    regex         = "(.+)"
    target_label  = "env"
  }
}

loki.source.kubernetes "pods" {
  targets    = discovery.relabel.pods.output
  forward_to = [loki.write.loki.receiver]
}

loki.write "loki" {
  endpoint {
    url = ${quoted(pushUrl)}
  }
}
`;
}
