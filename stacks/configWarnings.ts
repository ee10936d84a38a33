// Config that is valid but most likely not what was meant: the program warns and goes on.
import { placeholders } from "./placeholders";
import type { PlatformSettings } from "./schema/platform";

export function configWarnings(settings: PlatformSettings): string[] {
    return [...unreachableNodePorts(settings), ...placeholderValues(settings)];
}

/** Template placeholders (example.com, ...EXAMPLE ids) still in the stack: set before the first pulumi up. */
function placeholderValues(settings: PlatformSettings): string[] {
    return placeholders(settings).map(
        ({ path, value }) => `${path}: '${value}' is a placeholder of the template; set your own before pulumi up (pulumi config set --path '${path}' <value>)`,
    );
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
