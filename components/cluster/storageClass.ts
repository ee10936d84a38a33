// The StorageClass the EKS cluster creates (EBS gp3, encrypted, the cluster default):
// a light module so monitoring can name it without loading the AWS packages.

export const EKS_STORAGE_CLASS = "gp3";
