// Kubernetes Secrets in etcd are only base64; EKS envelope-encrypts them with a KMS
// key when the cluster is given one.
import type { ResourceRule } from "../rule";

export const EKS_CLUSTER_TYPE = "eks:index:Cluster";

export const eksSecretsEncryption: ResourceRule = {
    name: "eks-secrets-encryption",
    description: "Every EKS cluster envelope-encrypts Kubernetes Secrets with a KMS key (encryptionConfigKeyArn is set).",
    check: (resource) => {
        if (resource.type !== EKS_CLUSTER_TYPE) {
            return [];
        }
        const arn = resource.inputs.encryptionConfigKeyArn;
        return typeof arn === "string" && arn !== ""
            ? []
            : ["encryptionConfigKeyArn is not set: Kubernetes Secrets would not be envelope-encrypted; give the cluster a KMS key ARN"];
    },
};
