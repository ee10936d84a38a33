// The add-ons of the platform, one line each. Platform deploys those a stack enables on its
// cluster type, each after the add-ons whose capabilities it requires or uses (plan.ts);
// their config sections, namespaces, charts, schema packages and secret keys all come from here.
import { admissionPolicyAddon } from "./admissionPolicy";
import { backupsAddon } from "./backups";
import { ecrAddon } from "./ecr";
import { externalSecretsAddon } from "./externalSecrets";
import { gitopsAddon } from "./gitops";
import { karpenterAddon } from "./karpenter";
import { kedaAddon } from "./keda";
import { logsAddon } from "./logs";
import { monitoringAddon } from "./monitoring";
import { awsLoadBalancerControllerAddon } from "./awsLoadBalancerController";
import { certManagerAddon } from "./certManager";
import { externalDnsAddon } from "./externalDns";
import { gatewayAddon } from "./gateway";

export const ADDONS = [
    ecrAddon, monitoringAddon, gitopsAddon, karpenterAddon, kedaAddon, logsAddon, admissionPolicyAddon, externalSecretsAddon, backupsAddon,
    awsLoadBalancerControllerAddon, gatewayAddon, certManagerAddon, externalDnsAddon,
] as const;
