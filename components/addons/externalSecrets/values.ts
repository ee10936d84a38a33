// Values of the External Secrets Operator chart (2.9.0) and of Reloader (2.2.16).
//
// ESO: its CRDs (external-secrets.io/v1 served and stored, v1beta1 no longer served:
// crds/external-secrets.io_externalsecrets.yaml:835-836,1490-1491), the controller with the
// IAM role bound to its service account (values.yaml:204-215), the webhook and the cert
// controller, all restricted already (values.yaml:271-285,728-742,940-954).
//
// Reloader rolls a Deployment when a Secret it names changes (ESO never restarts pods).
// Scoped mode: it watches the listed namespaces only, through Roles there, and the chart
// creates no ClusterRole (stakater/Reloader@chart-v2.2.16:deployments/kubernetes/chart/
// reloader/values.yaml:47-54, templates/role.yaml:1-30); its informers see only Secrets that
// ESO manages (the label reconcile.external-secrets.io/managed=true,
// external-secrets/external-secrets@helm-chart-2.9.0:apis/externalsecrets/v1/externalsecret_types.go:769-773),
// never ConfigMaps (the platform rolls on ConfigMap changes through the pod template's hash).
// The annotations strategy adds one pod-template annotation, leaving the containers Pulumi owns untouched.
import type { ResourcesConfig } from "../../../stacks/schema/workloads";
import type { ServiceAccountCredentials } from "../../cluster/workloadIdentity";

export const EXTERNAL_SECRETS_RELEASE = "external-secrets";
/** `external-secrets.fullname` is the release name when it contains the chart name (templates/_helpers.tpl:13-24,156-162): its role is bound to it. */
export const EXTERNAL_SECRETS_SERVICE_ACCOUNT = EXTERNAL_SECRETS_RELEASE;
export const RELOADER_RELEASE = "reloader";
/** The Deployment annotation Reloader reads (stakater/Reloader@v1.4.21:internal/pkg/options/flags.go:22). */
export const RELOADER_SECRET_ANNOTATION = "secret.reloader.stakater.com/reload";
export const ESO_MANAGED_SELECTOR = "reconcile.external-secrets.io/managed=true";

const res = (r: ResourcesConfig) => ({ requests: { ...r.requests }, limits: { ...r.limits } });

export function externalSecretsValues(credentials: ServiceAccountCredentials, resources: ResourcesConfig): Record<string, unknown> {
    return {
        installCRDs: true,
        serviceAccount: { create: true, annotations: credentials.serviceAccountAnnotations },
        podAnnotations: credentials.podAnnotations,
        resources: res(resources),
        webhook: { resources: res(resources) },
        certController: { resources: res(resources) },
    };
}

export function reloaderValues(namespaces: readonly string[], resources: ResourcesConfig): Record<string, unknown> {
    return {
        reloader: {
            watchGlobally: false,
            namespaces: [...namespaces],
            ignoreConfigMaps: true,
            resourceLabelSelector: ESO_MANAGED_SELECTOR,
            reloadStrategy: "annotations",
            readOnlyRootFileSystem: true,
            deployment: {
                containerSecurityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                resources: res(resources),
            },
        },
    };
}
