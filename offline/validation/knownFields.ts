// The upstream schemas accept unknown fields, and the API server prunes them from
// custom resources without a word: a misspelt `spec.endpoint` would silently scrape
// nothing. Pulumi's typed resources catch typos at compile time; objects declared as
// CustomResource (typed `any`) and every object's metadata are checked here.
// Field names from the CRDs of prometheus-operator 0.93.1, source-controller and
// kustomize-controller of Flux 2.8, Karpenter 1.14.1 and KEDA 2.20.2 (the versions the platform installs); of the Gateway API
// v1.6.1 standard channel, Envoy Gateway v1.9.0 and cert-manager v1.21.1 for the traffic add-ons.
import { closestName } from "../../stacks/closestName";

const OBJECT_META = [
    "annotations",
    "creationTimestamp",
    "deletionGracePeriodSeconds",
    "deletionTimestamp",
    "finalizers",
    "generateName",
    "generation",
    "labels",
    "managedFields",
    "name",
    "namespace",
    "ownerReferences",
    "resourceVersion",
    "selfLink",
    "uid",
];
const CUSTOM_RESOURCE_TOP = ["apiVersion", "kind", "metadata", "spec", "status"];

/** Known field names per path (`[]` steps into every list item) for each custom resource kind. */
const CUSTOM_RESOURCE_FIELDS: Record<string, Record<string, readonly string[]>> = {
    "monitoring.coreos.com/v1/ServiceMonitor": {
        "": CUSTOM_RESOURCE_TOP,
        spec: [
            "attachMetadata",
            "bodySizeLimit",
            "convertClassicHistogramsToNHCB",
            "endpoints",
            "fallbackScrapeProtocol",
            "jobLabel",
            "keepDroppedTargets",
            "labelLimit",
            "labelNameLengthLimit",
            "labelValueLengthLimit",
            "namespaceSelector",
            "nativeHistogramBucketLimit",
            "nativeHistogramMinBucketFactor",
            "podTargetLabels",
            "sampleLimit",
            "scrapeClass",
            "scrapeClassicHistograms",
            "scrapeNativeHistograms",
            "scrapeProtocols",
            "selector",
            "selectorMechanism",
            "serviceDiscoveryRole",
            "targetLabels",
            "targetLimit",
        ],
        "spec.endpoints[]": [
            "authorization",
            "basicAuth",
            "bearerTokenFile",
            "bearerTokenSecret",
            "enableHttp2",
            "filterRunning",
            "followRedirects",
            "honorLabels",
            "honorTimestamps",
            "interval",
            "metricRelabelings",
            "noProxy",
            "oauth2",
            "params",
            "path",
            "port",
            "proxyConnectHeader",
            "proxyFromEnvironment",
            "proxyUrl",
            "relabelings",
            "scheme",
            "scrapeTimeout",
            "targetPort",
            "tlsConfig",
            "trackTimestampsStaleness",
        ],
    },
    "monitoring.coreos.com/v1/PrometheusRule": {
        "": CUSTOM_RESOURCE_TOP,
        spec: ["groups"],
        "spec.groups[]": ["interval", "labels", "limit", "name", "partial_response_strategy", "query_offset", "rules"],
        "spec.groups[].rules[]": ["alert", "annotations", "expr", "for", "keep_firing_for", "labels", "record"],
    },
    "source.toolkit.fluxcd.io/v1/GitRepository": {
        "": CUSTOM_RESOURCE_TOP,
        spec: [
            "ignore",
            "include",
            "interval",
            "provider",
            "proxySecretRef",
            "recurseSubmodules",
            "ref",
            "secretRef",
            "serviceAccountName",
            "sparseCheckout",
            "suspend",
            "timeout",
            "url",
            "verify",
        ],
    },
    "kustomize.toolkit.fluxcd.io/v1/Kustomization": {
        "": CUSTOM_RESOURCE_TOP,
        spec: [
            "buildMetadata",
            "commonMetadata",
            "components",
            "decryption",
            "deletionPolicy",
            "dependsOn",
            "force",
            "healthCheckExprs",
            "healthChecks",
            "ignore",
            "ignoreMissingComponents",
            "images",
            "interval",
            "kubeConfig",
            "namePrefix",
            "nameSuffix",
            "patches",
            "path",
            "postBuild",
            "prune",
            "retryInterval",
            "serviceAccountName",
            "sourceRef",
            "suspend",
            "targetNamespace",
            "timeout",
            "wait",
        ],
    },
    // Karpenter 1.14.1 (pkg/apis/crds/) and KEDA 2.20.2 (config/crd/bases/): @kubernetes-models lags them and accepts unknown fields.
    "karpenter.sh/v1/NodePool": {
        "": CUSTOM_RESOURCE_TOP,
        spec: ["disruption", "limits", "replicas", "template", "weight"],
        "spec.disruption": ["budgets", "consolidateAfter", "consolidationPolicy"],
        "spec.template": ["metadata", "spec"],
        "spec.template.spec": ["expireAfter", "nodeClassRef", "requirements", "startupTaints", "taints", "terminationGracePeriod"],
    },
    "karpenter.k8s.aws/v1/EC2NodeClass": {
        "": CUSTOM_RESOURCE_TOP,
        spec: [
            "amiFamily",
            "amiSelectorTerms",
            "associatePublicIPAddress",
            "blockDeviceMappings",
            "capacityReservationSelectorTerms",
            "connectionTracking",
            "context",
            "cpuOptions",
            "detailedMonitoring",
            "instanceProfile",
            "instanceStorePolicy",
            "ipPrefixCount",
            "kubelet",
            "metadataOptions",
            "networkInterfaces",
            "placementGroupSelector",
            "role",
            "securityGroupSelectorTerms",
            "subnetSelectorTerms",
            "tags",
            "userData",
        ],
        "spec.metadataOptions": ["httpEndpoint", "httpProtocolIPv6", "httpPutResponseHopLimit", "httpTokens"],
    },
    "keda.sh/v1alpha1/ScaledObject": {
        "": CUSTOM_RESOURCE_TOP,
        spec: [
            "advanced",
            "cooldownPeriod",
            "fallback",
            "idleReplicaCount",
            "initialCooldownPeriod",
            "maxReplicaCount",
            "minReplicaCount",
            "pollingInterval",
            "scaleTargetRef",
            "triggers",
        ],
        "spec.triggers[]": ["authenticationRef", "metadata", "metricType", "name", "type", "useCachedMetrics"],
    },
    "gateway.networking.k8s.io/v1/GatewayClass": { "": CUSTOM_RESOURCE_TOP, spec: ["controllerName", "description", "parametersRef"] },
    "gateway.networking.k8s.io/v1/Gateway": {
        "": CUSTOM_RESOURCE_TOP,
        spec: ["addresses", "allowedListeners", "gatewayClassName", "infrastructure", "listeners", "tls"],
        "spec.listeners[]": ["allowedRoutes", "hostname", "name", "port", "protocol", "tls"],
    },
    "gateway.networking.k8s.io/v1/HTTPRoute": {
        "": CUSTOM_RESOURCE_TOP,
        spec: ["hostnames", "parentRefs", "rules"],
        "spec.rules[]": ["backendRefs", "filters", "matches", "name", "timeouts"],
    },
    "gateway.envoyproxy.io/v1alpha1/EnvoyProxy": {
        "": CUSTOM_RESOURCE_TOP,
        spec: [
            "backendTLS",
            "bootstrap",
            "concurrency",
            "dynamicModules",
            "extraArgs",
            "filterOrder",
            "geoIP",
            "ipFamily",
            "logging",
            "luaValidation",
            "mergeBackends",
            "mergeGateways",
            "mergeType",
            "preserveRouteOrder",
            "provider",
            "routingType",
            "shutdown",
            "telemetry",
        ],
        "spec.provider.kubernetes.envoyService": [
            "allocateLoadBalancerNodePorts",
            "annotations",
            "externalTrafficPolicy",
            "labels",
            "loadBalancerClass",
            "loadBalancerIP",
            "loadBalancerSourceRanges",
            "name",
            "patch",
            "type",
        ],
    },
    "cert-manager.io/v1/ClusterIssuer": {
        "": CUSTOM_RESOURCE_TOP,
        spec: ["acme", "ca", "selfSigned", "vault", "venafi"],
        "spec.acme": [
            "caBundle",
            "disableAccountKeyGeneration",
            "email",
            "enableDurationFeature",
            "externalAccountBinding",
            "preferredChain",
            "privateKeySecretRef",
            "profile",
            "server",
            "skipTLSVerify",
            "solvers",
        ],
    },
    "cert-manager.io/v1/Certificate": {
        "": CUSTOM_RESOURCE_TOP,
        spec: [
            "additionalOutputFormats",
            "commonName",
            "dnsNames",
            "duration",
            "emailAddresses",
            "encodeUsagesInRequest",
            "ipAddresses",
            "isCA",
            "issuerRef",
            "keystores",
            "literalSubject",
            "nameConstraints",
            "otherNames",
            "privateKey",
            "renewBefore",
            "renewBeforePercentage",
            "renewal",
            "revisionHistoryLimit",
            "secretName",
            "secretTemplate",
            "signatureAlgorithm",
            "subject",
            "uris",
            "usages",
        ],
    },
};

/** One message per unknown field: `<path>: unknown field (did you mean '…'?)`. */
export function unknownFieldProblems(object: Record<string, unknown>): string[] {
    const fields = {
        metadata: OBJECT_META,
        ...(CUSTOM_RESOURCE_FIELDS[`${String(object.apiVersion)}/${String(object.kind)}`] ?? {}),
    };
    return Object.entries(fields).flatMap(([pattern, known]) =>
        valuesAt(object, pattern).flatMap(({ path, value }) =>
            Object.keys(value)
                .filter((key) => !known.includes(key))
                .map((key) => `${path ? `${path}.` : ""}${key}: ${unknownFieldMessage(key, known)}`),
        ),
    );
}

function unknownFieldMessage(key: string, known: readonly string[]): string {
    const suggestion = closestName(key, known);
    return `unknown field${suggestion ? ` (did you mean '${suggestion}'?)` : ""}`;
}

/** The objects at a pattern such as `spec.endpoints[]`, with their concrete paths. */
function valuesAt(root: Record<string, unknown>, pattern: string): { path: string; value: Record<string, unknown> }[] {
    const steps = pattern === "" ? [] : pattern.split(".");
    let found: { path: string; value: unknown }[] = [{ path: "", value: root }];
    for (const step of steps) {
        const list = step.endsWith("[]");
        const key = list ? step.slice(0, -2) : step;
        found = found.flatMap(({ path, value }) => {
            const child = isObject(value) ? value[key] : undefined;
            const childPath = path ? `${path}.${key}` : key;
            if (!list) {
                return [{ path: childPath, value: child }];
            }
            return Array.isArray(child) ? child.map((item, index) => ({ path: `${childPath}[${index}]`, value: item })) : [];
        });
    }
    return found.filter((entry): entry is { path: string; value: Record<string, unknown> } => isObject(entry.value));
}

function isObject(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}
