// The platform's policy baseline: every rule, in the order violations are reported.
import type { ResourceRule, StackRule } from "../rule";
import { containerResources } from "./containerResources";
import { noLoadBalancerInDev } from "./devLoadBalancers";
import { disruptionBudgets } from "./disruptionBudgets";
import { ecrImmutableTags, ecrScanOnPush } from "./ecrRepositories";
import { eksPublicEndpointRestricted } from "./eksPublicEndpoint";
import { eksSecretsEncryption } from "./eksSecretsEncryption";
import { hpaReplicaBounds } from "./hpaReplicaBounds";
import { httpsOnlyRoutes } from "./httpsOnlyRoutes";
import { launchTemplateImdsHopLimit, launchTemplateImdsv2 } from "./launchTemplateImds";
import { pinnedImages } from "./pinnedImages";
import { dropAllCapabilities, noPrivilegeEscalation, readOnlyRootFilesystem, runAsNonRoot, seccompRuntimeDefault } from "./podSecurity";
import { readinessProbe } from "./readinessProbe";
import { workloadLabels } from "./workloadLabels";

export const RESOURCE_RULES: readonly ResourceRule[] = [
    runAsNonRoot,
    noPrivilegeEscalation,
    dropAllCapabilities,
    seccompRuntimeDefault,
    readOnlyRootFilesystem,
    containerResources,
    readinessProbe,
    pinnedImages,
    workloadLabels,
    hpaReplicaBounds,
    noLoadBalancerInDev,
    eksSecretsEncryption,
    eksPublicEndpointRestricted,
    launchTemplateImdsv2,
    launchTemplateImdsHopLimit,
    ecrScanOnPush,
    ecrImmutableTags,
];

export const STACK_RULES: readonly StackRule[] = [disruptionBudgets, httpsOnlyRoutes];
