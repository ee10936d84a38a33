// The platform's policy pack. Pulumi runs it from this directory (PulumiPolicy.yaml;
// package.json points at pack.cjs, which loads this file): `pulumi preview --policy-pack policy`.
import { PolicyPack } from "@pulumi/policy";

import { PLATFORM_POLICIES } from "./policies";

new PolicyPack("k8s-app-platform", {
    description: "Security and reliability baseline of the Kubernetes application platform (the offline plan enforces the same rules).",
    enforcementLevel: "mandatory",
    policies: PLATFORM_POLICIES,
});
