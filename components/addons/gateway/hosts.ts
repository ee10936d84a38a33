// The hosts the shared Gateway serves (pure): each routed app's, and the extra hosts the
// config names; what the config may not ask for (a host outside the domain, one host for
// two apps, no domain on EKS); and the https URL of each app.
import type { PathIssue } from "../../../stacks/schema/base";
import type { CoreSettings } from "../../../stacks/schema/core";
import { routedApps, routeHost } from "../../workloads/httpRoute";
import { GatewayConfig, gatewayDomain } from "./config";

/** Whether a host lies below the domain: the HTTPS listener's hostname is `*.<domain>`, which matches no other name. */
export function withinDomain(host: string, domain: string): boolean {
    return host.endsWith(`.${domain}`);
}

/** Every host the Gateway's certificate covers: the routed apps' and the extra hosts, in that order, once each. */
export function gatewayHosts(apps: CoreSettings["apps"], section: GatewayConfig, domain: string): string[] {
    return [...new Set([...routedApps(apps).map((app) => routeHost(app, domain)), ...section.extraHosts])];
}

export function gatewayIssues(section: GatewayConfig, settings: CoreSettings): PathIssue[] {
    const domain = gatewayDomain(section, settings.cluster);
    if (domain === undefined) {
        return [
            {
                path: ["gateway", "domain"],
                message: `is required on a ${settings.cluster.type} cluster: the domain apps are published under (the Route 53 hosted zone's, e.g. apps.example.com)`,
            },
        ];
    }
    const claimed = new Map<string, string>();
    const issues: PathIssue[] = [];
    const claim = (host: string, path: (string | number)[], owner: string) => {
        if (!withinDomain(host, domain)) {
            issues.push({ path, message: `'${host}' is outside the domain '${domain}' (gateway.domain): the Gateway serves *.${domain} only` });
        } else if (claimed.has(host)) {
            issues.push({ path, message: `'${host}' is already claimed by ${claimed.get(host)}; each host routes to one app` });
        }
        claimed.set(host, claimed.get(host) ?? owner);
    };
    settings.apps.forEach((app, index) => {
        if (app.route.enabled) {
            claim(routeHost(app, domain), ["apps", index, "route", "host"], `apps[${index}] (${app.name})`);
        }
    });
    section.extraHosts.forEach((host, index) => claim(host, ["gateway", "extraHosts", index], `gateway.extraHosts[${index}]`));
    return issues;
}

/** The host port kind maps to the proxy's https node port, if any. */
export function httpsHostPort(section: GatewayConfig, cluster: CoreSettings["cluster"]): number | undefined {
    return cluster.type === "kind" ? cluster.portMappings.find((mapping) => mapping.containerPort === section.nodePorts.https)?.hostPort : 443;
}

/** Each routed app's https URL; on kind through the mapped host port (the port is left out when it is 443). */
export function appUrls(apps: CoreSettings["apps"], section: GatewayConfig, settings: CoreSettings, domain: string): Record<string, string> {
    const hostPort = httpsHostPort(section, settings.cluster);
    const port = hostPort === undefined || hostPort === 443 ? "" : `:${hostPort}`;
    const unmapped = hostPort === undefined ? ` (unreachable from this machine: map the node port ${section.nodePorts.https} in cluster.portMappings)` : "";
    return Object.fromEntries(routedApps(apps).map((app) => [app.name, `https://${routeHost(app, domain)}${port}${app.route.paths[0]}${unmapped}`]));
}
