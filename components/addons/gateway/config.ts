// Schema of the gateway section: the stack's domain, hosts served by routes the platform
// does not create (the GitOps apps), and the node ports of the proxy on kind.
import * as v from "valibot";

import { object, withDefault } from "../../../stacks/schema/base";
import type { CoreSettings } from "../../../stacks/schema/core";
import { dnsSubdomain, nodePort } from "../../../stacks/schema/primitives";

export const gateway = object({
    /** Off unless the stack turns it on (the default stacks do). */
    enabled: withDefault(v.boolean(), false),
    /** Apps are reached at `<name>.<domain>`: `localhost` by default on kind (*.localhost resolves to loopback); required on EKS (the Route 53 zone's domain). */
    domain: v.optional(dnsSubdomain),
    /** Hosts of routes the platform does not create (e.g. GitOps apps): the Gateway's certificate covers them too. */
    extraHosts: withDefault(v.array(dnsSubdomain), []),
    /** Node ports of the proxy Service on kind; map them to host ports in cluster.portMappings (80 and 443 by default). */
    nodePorts: withDefault(object({ http: withDefault(nodePort, 31080), https: withDefault(nodePort, 31443) }), {}),
});

export type GatewayConfig = v.InferOutput<typeof gateway>;

/** The default domain per cluster type: only kind has one (every *.localhost name is the loopback address). */
export function gatewayDomain(section: GatewayConfig, cluster: CoreSettings["cluster"]): string | undefined {
    return section.domain ?? (cluster.type === "kind" ? "localhost" : undefined);
}
