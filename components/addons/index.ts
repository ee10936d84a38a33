// The add-ons of the platform, one line each. Platform deploys those a stack enables on its
// cluster type, each after the add-ons whose capabilities it requires or uses (plan.ts);
// their config sections, namespaces, charts, schema packages and secret keys all come from here.
import { admissionPolicyAddon } from "./admissionPolicy";
import { awsLoadBalancerControllerAddon } from "./awsLoadBalancerController";
import { backupsAddon } from "./backups";
import { certManagerAddon } from "./certManager";
import { ecrAddon } from "./ecr";
import { externalDnsAddon } from "./externalDns";
import { externalSecretsAddon } from "./externalSecrets";
import { gatewayAddon } from "./gateway";
import { gitopsAddon } from "./gitops";
import { karpenterAddon } from "./karpenter";
import { kedaAddon } from "./keda";
import { logsAddon } from "./logs";
import { monitoringAddon } from "./monitoring";

export const ADDONS = [
    ecrAddon,
    monitoringAddon,
    gitopsAddon,
    karpenterAddon,
    kedaAddon,
    logsAddon,
    admissionPolicyAddon,
    externalSecretsAddon,
    backupsAddon,
    awsLoadBalancerControllerAddon,
    gatewayAddon,
    certManagerAddon,
    externalDnsAddon,
] as const;
