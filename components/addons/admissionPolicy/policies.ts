// The platform's rules as Kyverno ValidatingPolicies (policies.kyverno.io/v1, CEL), pure
// data built from the same rule data as policy/rules/: the restricted Pod Security profile,
// the `app`/`env` labels on the same kinds (LABELLED_KINDS), images pinned by tag or digest
// (the image-reference grammar of stacks/imageReference.ts) and requests and limits on
// every container. They judge what reaches the API server outside Pulumi (Flux, kubectl);
// the offline plan evaluates the same policies against every object the platform declares
// (offline/validation/validatingPolicies.ts).
//
// ValidatingPolicy, not ClusterPolicy: Kyverno 1.19 deprecates the kyverno.io policy types
// in favour of policies.kyverno.io (kyverno/kyverno@v1.19.0:charts/kyverno/values.yaml:112-115),
// and CEL has a conformance-tested evaluator for the plan, so the plan runs the very
// expressions Kyverno runs instead of a second implementation of pattern anchors.
//
// Each policy matches Pods and the pod controllers by name: Kyverno generates controller
// rules only for a policy that matches pods alone (kyverno/kyverno@v1.19.0:pkg/cel/autogen/support.go:13-41),
// so these get no autogen and read the pod spec through `variables.podSpec` themselves.
import { REQUIRED as REQUIRED_RESOURCES } from "../../../policy/rules/containerResources";
import { LABELLED_KINDS, REQUIRED_LABELS } from "../../../policy/rules/workloadLabels";
import { IMAGE_REFERENCE_PATTERN } from "../../../stacks/imageReference";
import { APP_NAMESPACE_LABEL, type NamespaceSpec } from "../../namespaces";

export type AdmissionAction = "Audit" | "Enforce";

export interface PolicyScope {
    /** Namespaces the Pod Security policy leaves alone (system ones, and those whose Pod Security level is not restricted). */
    readonly podSecurityExempt: readonly string[];
    /** Namespaces the platform's conventions (labels, pinned images, resources) leave alone (system and platform add-on namespaces). */
    readonly conventionsExempt: readonly string[];
}

/** The namespaces Kubernetes itself runs in: never judged. */
export const SYSTEM_NAMESPACES = ["kube-system", "kube-public", "kube-node-lease"] as const;

interface ResourceRule {
    apiGroups: string[];
    apiVersions: string[];
    operations: string[];
    resources: string[];
}

export interface ValidatingPolicy {
    apiVersion: "policies.kyverno.io/v1";
    kind: "ValidatingPolicy";
    metadata: { name: string; annotations: Record<string, string> };
    spec: {
        validationActions: ("Audit" | "Deny")[];
        failurePolicy: "Fail" | "Ignore";
        evaluation: { background: { enabled: boolean } };
        matchConstraints: {
            resourceRules: ResourceRule[];
            namespaceSelector: { matchExpressions: { key: string; operator: "NotIn"; values: string[] }[] };
        };
        matchConditions?: { name: string; expression: string }[];
        variables?: { name: string; expression: string }[];
        validations: { expression: string; message: string }[];
    };
}

const OPERATIONS = ["CREATE", "UPDATE"];

/** Where each kind lives in the API: group, version, resource. */
const KIND_RESOURCES: Record<string, { group: string; version: string; resource: string }> = {
    Pod: { group: "", version: "v1", resource: "pods" },
    Service: { group: "", version: "v1", resource: "services" },
    ConfigMap: { group: "", version: "v1", resource: "configmaps" },
    Secret: { group: "", version: "v1", resource: "secrets" },
    PersistentVolumeClaim: { group: "", version: "v1", resource: "persistentvolumeclaims" },
    ServiceAccount: { group: "", version: "v1", resource: "serviceaccounts" },
    Deployment: { group: "apps", version: "v1", resource: "deployments" },
    StatefulSet: { group: "apps", version: "v1", resource: "statefulsets" },
    DaemonSet: { group: "apps", version: "v1", resource: "daemonsets" },
    Job: { group: "batch", version: "v1", resource: "jobs" },
    CronJob: { group: "batch", version: "v1", resource: "cronjobs" },
    HorizontalPodAutoscaler: { group: "autoscaling", version: "v2", resource: "horizontalpodautoscalers" },
    PodDisruptionBudget: { group: "policy", version: "v1", resource: "poddisruptionbudgets" },
    NetworkPolicy: { group: "networking.k8s.io", version: "v1", resource: "networkpolicies" },
    ServiceMonitor: { group: "monitoring.coreos.com", version: "v1", resource: "servicemonitors" },
};

export const POD_KINDS = ["Pod", "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"] as const;

/** One rule per API group and version, listing the kinds' resources. */
export function resourceRules(kinds: readonly string[]): ResourceRule[] {
    const groups = new Map<string, ResourceRule>();
    for (const kind of kinds) {
        const where = KIND_RESOURCES[kind];
        if (!where) {
            throw new Error(`no API resource is known for kind ${kind}`);
        }
        const key = `${where.group}/${where.version}`;
        const rule = groups.get(key) ?? { apiGroups: [where.group], apiVersions: [where.version], operations: OPERATIONS, resources: [] };
        rule.resources.push(where.resource);
        groups.set(key, rule);
    }
    return [...groups.values()];
}

/** A CEL string literal. */
const cel = (text: string) => JSON.stringify(text);
const celList = (items: readonly string[]) => `[${items.map(cel).join(", ")}]`;

/** The pod spec of a Pod, a CronJob's job template, or any other controller's template. */
const POD_VARIABLES = [
    {
        name: "podSpec",
        expression: "object.kind == 'Pod' ? object.spec : (object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template.spec : object.spec.template.spec)",
    },
    {
        name: "containers",
        expression:
            "variables.podSpec.containers + (has(variables.podSpec.initContainers) ? variables.podSpec.initContainers : []) + (has(variables.podSpec.ephemeralContainers) ? variables.podSpec.ephemeralContainers : [])",
    },
    { name: "podContext", expression: "has(variables.podSpec.securityContext) ? variables.podSpec.securityContext : {}" },
];

/** `c.securityContext.<field>` is set on the container. */
const containerSets = (field: string) => `has(c.securityContext) && has(c.securityContext.${field})`;

/** The volume types the restricted profile allows. */
export const RESTRICTED_VOLUME_TYPES = [
    "configMap",
    "csi",
    "downwardAPI",
    "emptyDir",
    "ephemeral",
    "persistentVolumeClaim",
    "projected",
    "secret",
    "image",
] as const;

/**
 * The restricted Pod Security Standard's controls (Kubernetes pod-security-admission, level
 * restricted, version latest): the baseline's host namespaces, privileged containers,
 * capabilities, hostPath volumes, host ports and /proc mount, and restricted's volume types,
 * no privilege escalation, non-root, RuntimeDefault or Localhost seccomp and dropped capabilities.
 * The platform's namespaces also carry the Pod Security Admission labels, which cover the
 * remaining controls (AppArmor, SELinux, sysctls, Windows host processes).
 */
export const POD_SECURITY_VALIDATIONS = [
    {
        expression:
            "!(has(variables.podSpec.hostNetwork) && variables.podSpec.hostNetwork) && !(has(variables.podSpec.hostPID) && variables.podSpec.hostPID) && !(has(variables.podSpec.hostIPC) && variables.podSpec.hostIPC)",
        message: "must not share the host's network, PID or IPC namespace (hostNetwork, hostPID, hostIPC)",
    },
    {
        expression: `variables.containers.all(c, !(${containerSets("privileged")}) || c.securityContext.privileged == false)`,
        message: "containers must not be privileged (securityContext.privileged)",
    },
    {
        expression: `!has(variables.podSpec.volumes) || variables.podSpec.volumes.all(v, ${RESTRICTED_VOLUME_TYPES.map((type) => `has(v.${type})`).join(" || ")})`,
        message: `volumes must be of the types ${RESTRICTED_VOLUME_TYPES.join(", ")} (no hostPath)`,
    },
    {
        expression: "variables.containers.all(c, !has(c.ports) || c.ports.all(p, !has(p.hostPort) || p.hostPort == 0))",
        message: "containers must not use host ports (ports[].hostPort)",
    },
    {
        expression: `variables.containers.all(c, !(${containerSets("procMount")}) || c.securityContext.procMount == 'Default')`,
        message: "containers must use the default /proc mount (securityContext.procMount)",
    },
    {
        expression: `variables.containers.all(c, ${containerSets("allowPrivilegeEscalation")} && c.securityContext.allowPrivilegeEscalation == false)`,
        message: "containers must set securityContext.allowPrivilegeEscalation to false",
    },
    {
        expression: `variables.containers.all(c, (${containerSets("runAsNonRoot")}) ? c.securityContext.runAsNonRoot == true : (has(variables.podContext.runAsNonRoot) && variables.podContext.runAsNonRoot == true))`,
        message: "containers must run as non-root: securityContext.runAsNonRoot true on the container or the pod",
    },
    {
        expression: `(!has(variables.podContext.runAsUser) || variables.podContext.runAsUser != 0) && variables.containers.all(c, !(${containerSets("runAsUser")}) || c.securityContext.runAsUser != 0)`,
        message: "containers must not run as user 0 (securityContext.runAsUser)",
    },
    {
        expression: `variables.containers.all(c, (${containerSets("seccompProfile")}) ? c.securityContext.seccompProfile.type in ['RuntimeDefault', 'Localhost'] : (has(variables.podContext.seccompProfile) && variables.podContext.seccompProfile.type in ['RuntimeDefault', 'Localhost']))`,
        message: "containers must run under the RuntimeDefault (or a Localhost) seccomp profile, set on the container or the pod",
    },
    {
        expression: `variables.containers.all(c, ${containerSets("capabilities")} && has(c.securityContext.capabilities.drop) && 'ALL' in c.securityContext.capabilities.drop && (!has(c.securityContext.capabilities.add) || c.securityContext.capabilities.add.all(a, a == 'NET_BIND_SERVICE')))`,
        message: "containers must drop ALL capabilities and add none but NET_BIND_SERVICE (securityContext.capabilities)",
    },
];

/** Objects Kubernetes creates in every namespace by itself, and Helm's release records: never labelled by their owners. */
export const LABEL_EXEMPTIONS = [
    { name: "not-kube-root-ca", expression: "!(object.kind == 'ConfigMap' && object.metadata.name == 'kube-root-ca.crt')" },
    { name: "not-default-service-account", expression: "!(object.kind == 'ServiceAccount' && object.metadata.name == 'default')" },
    { name: "not-helm-release", expression: "!(object.kind == 'Secret' && has(object.type) && object.type == 'helm.sh/release.v1')" },
    // The API server's own Service in `default`, labelled provider/component only, on every cluster
    // (kubernetes v1.36.3 pkg/controlplane/controller/kubernetesservice/controller.go:226-241).
    {
        name: "not-apiserver-service",
        expression: "!(object.kind == 'Service' && object.metadata.namespace == 'default' && object.metadata.name == 'kubernetes')",
    },
];

const LABELS_VALIDATION = {
    expression: `has(object.metadata.labels) && ${celList(REQUIRED_LABELS)}.all(k, k in object.metadata.labels && object.metadata.labels[k] != '')`,
    message: `must carry the labels ${REQUIRED_LABELS.map((label) => `'${label}'`).join(" and ")} in metadata.labels`,
};

const PINNED_IMAGES_VALIDATION = {
    expression:
        `variables.containers.all(c, c.image.matches(${cel(IMAGE_REFERENCE_PATTERN)}) ` +
        `&& c.image.matches(${cel("(:[\\w][\\w.-]{0,127}|@sha256:[a-f0-9]{64})$")}) && !c.image.matches(${cel(":latest$")}))`,
    message: "container images must be pinned by a version tag or a digest (no 'latest', no untagged reference)",
};

const RESOURCES_VALIDATION = {
    expression: `variables.containers.all(c, has(c.resources) && ${REQUIRED_RESOURCES.map((path) => {
        const [section, name] = path.split(".");
        return `has(c.resources.${section}) && ${cel(name)} in c.resources.${section}`;
    }).join(" && ")})`,
    message: `containers must set ${REQUIRED_RESOURCES.map((path) => `resources.${path}`).join(", ")}`,
};

function policy(
    name: string,
    description: string,
    action: AdmissionAction,
    exempt: readonly string[],
    kinds: readonly string[],
    body: Pick<ValidatingPolicy["spec"], "matchConditions" | "variables" | "validations">,
): ValidatingPolicy {
    return {
        apiVersion: "policies.kyverno.io/v1",
        kind: "ValidatingPolicy",
        metadata: { name, annotations: { "policies.kyverno.io/title": name, "policies.kyverno.io/description": description } },
        spec: {
            validationActions: action === "Enforce" ? ["Deny"] : ["Audit"],
            // Enforce fails closed (an unreachable Kyverno refuses the request); Audit never blocks anything.
            failurePolicy: action === "Enforce" ? "Fail" : "Ignore",
            // Background scans report objects created before the policy (the PolicyReports Grafana's dashboard counts).
            evaluation: { background: { enabled: true } },
            matchConstraints: {
                resourceRules: resourceRules(kinds),
                namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "NotIn", values: [...exempt] }] },
            },
            ...body,
        },
    };
}

export function admissionPolicies(action: AdmissionAction, scope: PolicyScope): ValidatingPolicy[] {
    return [
        policy("platform-pod-security-restricted", "Pods run under the restricted Pod Security Standard.", action, scope.podSecurityExempt, POD_KINDS, {
            variables: POD_VARIABLES,
            validations: POD_SECURITY_VALIDATIONS,
        }),
        policy(
            "platform-workload-labels",
            `Workload objects carry the labels ${REQUIRED_LABELS.join(" and ")}.`,
            action,
            scope.conventionsExempt,
            LABELLED_KINDS,
            {
                matchConditions: LABEL_EXEMPTIONS,
                validations: [LABELS_VALIDATION],
            },
        ),
        policy("platform-pinned-images", "Container images are pinned by tag or digest.", action, scope.conventionsExempt, POD_KINDS, {
            variables: POD_VARIABLES,
            validations: [PINNED_IMAGES_VALIDATION],
        }),
        policy("platform-requests-and-limits", "Containers request and limit cpu and memory.", action, scope.conventionsExempt, POD_KINDS, {
            variables: POD_VARIABLES,
            validations: [RESOURCES_VALIDATION],
        }),
    ];
}

export interface ScopeInputs {
    /** Every namespace the platform creates: those labelled as application namespaces are judged by every policy. */
    readonly platformNamespaces: readonly Pick<NamespaceSpec, "name" | "podSecurity" | "labels">[];
    /** The cluster distribution's own namespaces (components/cluster/distributionNamespaces.ts). */
    readonly distributionNamespaces: readonly string[];
    /** admissionPolicy.exemptNamespaces. */
    readonly exempt: readonly string[];
}

/**
 * The namespaces each policy leaves alone, from the platform's namespaces, their Pod Security
 * levels and labels. An application namespace is one the platform labels so (the apps' and
 * jobs', every team's, the GitOps tree's), with or without a workload of the stack in it:
 * what Flux or a team member puts there is judged as the stack's own apps are.
 */
export function policyScope(inputs: ScopeInputs): PolicyScope {
    const { platformNamespaces, distributionNamespaces, exempt } = inputs;
    const platform = platformNamespaces.filter((ns) => ns.labels?.[APP_NAMESPACE_LABEL.key] !== APP_NAMESPACE_LABEL.value);
    const unique = (names: string[]) => [...new Set(names)].sort();
    const system = [...SYSTEM_NAMESPACES, ...distributionNamespaces];
    return {
        podSecurityExempt: unique([...system, ...platformNamespaces.filter((ns) => ns.podSecurity !== "restricted").map((ns) => ns.name), ...exempt]),
        conventionsExempt: unique([...system, ...platform.map((ns) => ns.name), ...exempt]),
    };
}
