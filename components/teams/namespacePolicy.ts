// What a team's namespace holds in all and what a container gets when it sets nothing
// (pure specs): a ResourceQuota over requests, limits and pods, and a LimitRange whose
// defaults let pods that set no resources pass that quota.
import type * as k8s from "@pulumi/kubernetes";

import type { TeamConfig } from "../../stacks/schema/teams";

/** A quota on requests.cpu (or limits.*) rejects a pod that sets none, unless a LimitRange defaults it. */
export function resourceQuotaSpec(quota: TeamConfig["quota"]): k8s.types.input.core.v1.ResourceQuotaSpec {
    return {
        hard: {
            "requests.cpu": quota.requestsCpu,
            "requests.memory": quota.requestsMemory,
            "limits.cpu": quota.limitsCpu,
            "limits.memory": quota.limitsMemory,
            pods: String(quota.pods),
        },
    };
}

export function limitRangeSpec(limits: TeamConfig["limits"]): k8s.types.input.core.v1.LimitRangeSpec {
    return {
        limits: [
            {
                type: "Container",
                defaultRequest: { cpu: limits.defaultRequest.cpu, memory: limits.defaultRequest.memory },
                default: { cpu: limits.default.cpu, memory: limits.default.memory },
            },
        ],
    };
}
