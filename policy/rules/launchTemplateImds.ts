// IMDSv1 lets any SSRF in a pod read the node's instance credentials; IMDSv2 requires
// a session token. Node launch templates must require it.
import { asRecord } from "../kubernetes/objects";
import type { ResourceRule } from "../rule";

export const LAUNCH_TEMPLATE_TYPE = "aws:ec2/launchTemplate:LaunchTemplate";

export const launchTemplateImdsv2: ResourceRule = {
    name: "launch-template-imdsv2",
    description: 'Every EC2 launch template requires IMDSv2 (metadataOptions.httpTokens is "required").',
    check: (resource) => {
        if (resource.type !== LAUNCH_TEMPLATE_TYPE) {
            return [];
        }
        const tokens = asRecord(resource.inputs.metadataOptions).httpTokens;
        return tokens === "required"
            ? []
            : [`metadataOptions.httpTokens must be "required" (IMDSv2); found ${tokens === undefined ? "none, which allows IMDSv1" : JSON.stringify(tokens)}`];
    },
};

/**
 * A hop limit above 1 lets a pod's packets reach the metadata service through the node
 * (each network hop decrements the response's TTL), and with it the node role's credentials.
 */
export const launchTemplateImdsHopLimit: ResourceRule = {
    name: "launch-template-imds-hop-limit",
    description: "Every EC2 launch template limits IMDS responses to one hop (metadataOptions.httpPutResponseHopLimit is 1), so pods cannot reach it.",
    check: (resource) => {
        if (resource.type !== LAUNCH_TEMPLATE_TYPE) {
            return [];
        }
        const limit = asRecord(resource.inputs.metadataOptions).httpPutResponseHopLimit;
        return limit === 1
            ? []
            : [
                  `metadataOptions.httpPutResponseHopLimit must be 1; found ${limit === undefined ? "none (the instance default applies)" : JSON.stringify(limit)}`,
              ];
    },
};
