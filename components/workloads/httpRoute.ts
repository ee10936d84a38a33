// An app's HTTPRoute on the shared Gateway (pure): its host, the path prefixes it serves,
// and its Service port as the backend. It attaches to the Gateway's HTTPS listener only
// (sectionName), so an app is never served over plain HTTP: that listener redirects.
import type { WebServiceConfig } from "../../stacks/schema/workloads";

/** The parentRef of a Gateway listener, as the gateway capability hands it over. */
export interface ListenerRef {
    readonly group: string;
    readonly kind: string;
    readonly name: string;
    readonly namespace: string;
    readonly sectionName: string;
}

/** The host an app is reached at: its `route.host`, else `<name>.<domain>`. */
export function routeHost(app: Pick<WebServiceConfig, "name" | "route">, domain: string): string {
    return app.route.host ?? `${app.name}.${domain}`;
}

/** The apps that get an HTTPRoute. */
export function routedApps<A extends Pick<WebServiceConfig, "route">>(apps: readonly A[]): A[] {
    return apps.filter((app) => app.route.enabled);
}

export interface HttpRouteSpecArgs {
    /** The Gateway listener the route attaches to (the shared Gateway's HTTPS one). */
    readonly listener: ListenerRef;
    /** The host name the route serves: the app's `route.host`, else `<name>.<domain>`. */
    readonly host: string;
    /** Path prefixes the route matches, at most 64 (one match each). */
    readonly paths: readonly string[];
    /** Name of the app's Service, the route's backend. */
    readonly serviceName: string;
    /** Port of that Service. */
    readonly servicePort: number;
}

/** gateway.networking.k8s.io/v1 HTTPRouteSpec: one rule whose matches are the path prefixes (at most 64), to the app's Service. */
export function httpRouteSpec(args: HttpRouteSpecArgs): Record<string, unknown> {
    const { group, kind, name, namespace, sectionName } = args.listener;
    return {
        parentRefs: [{ group, kind, name, namespace, sectionName }],
        hostnames: [args.host],
        rules: [
            {
                matches: args.paths.map((path) => ({ path: { type: "PathPrefix", value: path } })),
                backendRefs: [{ group: "", kind: "Service", name: args.serviceName, port: args.servicePort }],
            },
        ],
    };
}
