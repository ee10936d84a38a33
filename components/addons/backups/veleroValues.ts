// Values of the Velero chart (12.1.0): the server with the AWS plugin as an init container
// (it copies itself into the `plugins` volume: templates/deployment.yaml:270-285), one
// BackupStorageLocation in the bucket, CSI snapshots (EnableCSI; no VolumeSnapshotLocation,
// so snapshotsEnabled is off), no node agent (file-system backup would need a privileged
// namespace: values.yaml:669-675,750-753), and the IAM role of its service account (credentials.useSecret off,
// else the chart mounts a credentials file: templates/deployment.yaml:216-218,244-246).
// The chart sets no security context (values.yaml:142-152,367) and the image's user is
// non-numeric (`USER cnb:cnb`), so the pod gets a numeric non-root user and the restricted
// settings, its init container and the CRD-upgrade hook job's kubectl too.
import type { ResourcesConfig } from "../../../stacks/schema/workloads";
import type { ServiceAccountCredentials } from "../../cluster/workloadIdentity";
import { AWS_PLUGIN_IMAGE, VELERO_IMAGE_TAG } from "./charts";

export const VELERO_RELEASE = "velero";
/** `<fullname>-server` (templates/_helpers.tpl:37-43): its role is bound to this name. */
export const VELERO_SERVICE_ACCOUNT = `${VELERO_RELEASE}-server`;
export const BACKUP_LOCATION = "default";
const VELERO_UID = 1000;

export interface VeleroOptions {
    readonly bucket: unknown;
    readonly region: unknown;
    readonly credentials: ServiceAccountCredentials;
    readonly serviceMonitor: boolean;
    readonly resources: ResourcesConfig;
}

const RESTRICTED = { allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ["ALL"] }, seccompProfile: { type: "RuntimeDefault" } };
const res = (r: ResourcesConfig) => ({ requests: { ...r.requests }, limits: { ...r.limits } });

export function veleroValues(options: VeleroOptions): Record<string, unknown> {
    return {
        image: { tag: VELERO_IMAGE_TAG },
        initContainers: [
            {
                name: "velero-plugin-for-aws",
                image: AWS_PLUGIN_IMAGE,
                volumeMounts: [{ mountPath: "/target", name: "plugins" }],
                securityContext: { ...RESTRICTED, readOnlyRootFilesystem: true },
                resources: { requests: { cpu: "10m", memory: "32Mi" }, limits: { cpu: "100m", memory: "128Mi" } },
            },
        ],
        podSecurityContext: {
            runAsNonRoot: true,
            runAsUser: VELERO_UID,
            runAsGroup: VELERO_UID,
            fsGroup: VELERO_UID,
            seccompProfile: { type: "RuntimeDefault" },
        },
        containerSecurityContext: RESTRICTED,
        kubectl: { containerSecurityContext: RESTRICTED, resources: { requests: { cpu: "10m", memory: "32Mi" }, limits: { cpu: "200m", memory: "128Mi" } } },
        resources: res(options.resources),
        configuration: {
            backupStorageLocation: [{ name: BACKUP_LOCATION, provider: "aws", bucket: options.bucket, default: true, config: { region: options.region } }],
            volumeSnapshotLocation: [],
            features: "EnableCSI",
        },
        serviceAccount: { server: { create: true, annotations: options.credentials.serviceAccountAnnotations } },
        podAnnotations: options.credentials.podAnnotations,
        credentials: { useSecret: false },
        backupsEnabled: true,
        snapshotsEnabled: false,
        deployNodeAgent: false,
        metrics: { enabled: true, serviceMonitor: { enabled: options.serviceMonitor } },
    };
}
