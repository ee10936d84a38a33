// Config that is valid but most likely not what was meant: the program warns and goes on.
import { nodeImageFinding } from "../components/cluster/kindNodeImage";
import { placeholders } from "./placeholders";
import type { PlatformSettings } from "./schema/platform";

export function configWarnings(settings: PlatformSettings): string[] {
    return [
        ...unreachableNodePorts(settings),
        ...exposedPortMappings(settings),
        ...placeholderValues(settings),
        ...nodeImageWarnings(settings),
        ...unusedTeamAccess(settings),
    ];
}

/**
 * A kind port mapping on an address other than loopback listens for the whole network: what
 * it maps (Grafana, Prometheus without authentication, the apps) answers anyone on the LAN.
 */
function exposedPortMappings(settings: PlatformSettings): string[] {
    const cluster = settings.cluster;
    if (cluster.type !== "kind") {
        return [];
    }
    return cluster.portMappings.flatMap((mapping, index) =>
        mapping.listenAddress.startsWith("127.")
            ? []
            : [
                  `cluster.portMappings[${index}].listenAddress is ${mapping.listenAddress}: host port ${mapping.hostPort} answers ${mapping.listenAddress === "0.0.0.0" ? "on every network this machine is on" : `on ${mapping.listenAddress}`}, and what it maps has no authentication of its own (Prometheus has none, Grafana's admin password is the stack's); keep 127.0.0.1 unless others must reach it`,
              ],
    );
}

/** Template placeholders (example.com, ...EXAMPLE ids) still in the stack: set before the first pulumi up. */
function placeholderValues(settings: PlatformSettings): string[] {
    return placeholders(settings).map(
        ({ path, value }) => `${path}: '${value}' is a placeholder of the template; set your own before pulumi up (pulumi config set --path '${path}' <value>)`,
    );
}

function nodeImageWarnings(settings: PlatformSettings): string[] {
    const warning = settings.cluster.type === "kind" ? nodeImageFinding(settings.cluster.nodeImage).warn : undefined;
    return warning ? [warning] : [];
}

/** On kind, a node port answers on the host only through a port mapping to it. */
function unreachableNodePorts(settings: PlatformSettings): string[] {
    const cluster = settings.cluster;
    if (cluster.type !== "kind") {
        return [];
    }
    const mapped = new Set(cluster.portMappings.filter((mapping) => mapping.protocol === "TCP").map((mapping) => mapping.containerPort));
    return settings.apps
        .filter((app) => app.nodePort !== undefined && !mapped.has(app.nodePort))
        .map(
            (app) =>
                `app '${app.name}' has nodePort ${app.nodePort}, which no kind port mapping reaches: add { containerPort: ${app.nodePort}, hostPort: <free port> } to cluster.portMappings (this recreates the kind cluster), or use kubectl port-forward`,
        );
}

/** A team's access is its group off EKS and its members on EKS: the other setting grants nothing there. */
function unusedTeamAccess(settings: PlatformSettings): string[] {
    const eks = settings.cluster.type === "eks";
    return settings.teams.flatMap((team, index) => {
        if (eks && team.group !== undefined) {
            return [`teams[${index}].group grants nothing on EKS: access there comes from teams[${index}].members (access entries)`];
        }
        if (!eks && team.members.length > 0) {
            return [
                `teams[${index}].members grant nothing on a ${settings.cluster.type} cluster: access there is the group teams[${index}].group (default team-${team.name})`,
            ];
        }
        return [];
    });
}
