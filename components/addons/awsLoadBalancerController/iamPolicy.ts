// The controller's IAM policy: the upstream document as published for v3.5.0
// (aws-load-balancer-controller v3.5.0 docs/install/iam_policy.json, 16 statements;
// docs/deploy/installation.md:101-104), kept verbatim in upstream-iam-policy.json beside this file so
// an upgrade is a diff against upstream. Inline on the controller's role: 5.2 kB minified, within
// IAM's 10,240 characters for a role's inline policies.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export function loadBalancerControllerPolicy(): string {
    return JSON.stringify(JSON.parse(readFileSync(join(__dirname, "upstream-iam-policy.json"), "utf8")));
}
