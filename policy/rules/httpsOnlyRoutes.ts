// In prod, apps are served over HTTPS only: an HTTPRoute labelled env=prod attaches to
// HTTPS listeners, named by sectionName (a parentRef without one attaches to every listener
// of the Gateway that admits it, the plain-HTTP one too: gateway-api v1.6.1
// apis/v1/shared_types.go:106-118). A route on an HTTP listener may only
// redirect to https: every rule a RequestRedirect with scheme https and no backend. The
// listeners' protocols come from the Gateways of the same stack, so this is a stack rule; a
// route on a Gateway the stack does not declare cannot be judged and is reported.
import { asArray, asRecord, kindOf, metadataOf } from "../kubernetes/objects";
import type { PolicyResource, StackRule, StackViolation } from "../rule";

export const PROD_ENVIRONMENT = "prod";

function isHttpsRedirect(route: PolicyResource): boolean {
    const rules = asArray(asRecord(route.inputs.spec).rules).map(asRecord);
    return (
        rules.length > 0 &&
        rules.every(
            (rule) =>
                asArray(rule.backendRefs).length === 0 &&
                asArray(rule.filters)
                    .map(asRecord)
                    .some((filter) => filter.type === "RequestRedirect" && asRecord(filter.requestRedirect).scheme === "https"),
        )
    );
}

export const httpsOnlyRoutes: StackRule = {
    name: "prod-routes-https-only",
    description: "In prod (env=prod), every HTTPRoute attaches to HTTPS listeners of a Gateway of the stack (by sectionName), or only redirects to https.",
    checkStack<R extends PolicyResource>(resources: readonly R[]): StackViolation<R>[] {
        const gateways = resources.filter((resource) => kindOf(resource) === "Gateway");
        const listenersOf = (name: unknown, namespace: unknown) => {
            const gateway = gateways.find((candidate) => metadataOf(candidate).name === name && (metadataOf(candidate).namespace ?? "default") === namespace);
            return gateway ? asArray(asRecord(gateway.inputs.spec).listeners).map(asRecord) : undefined;
        };
        return resources
            .filter((resource) => kindOf(resource) === "HTTPRoute" && metadataOf(resource).labels.env === PROD_ENVIRONMENT && !isHttpsRedirect(resource))
            .flatMap((route) =>
                asArray(asRecord(route.inputs.spec).parentRefs)
                    .map(asRecord)
                    .flatMap((parent, index): StackViolation<R>[] => {
                        const at = `spec.parentRefs[${index}]`;
                        if ((parent.kind ?? "Gateway") !== "Gateway") {
                            return [];
                        }
                        const namespace = parent.namespace ?? metadataOf(route).namespace ?? "default";
                        const listeners = listenersOf(parent.name, namespace);
                        if (!listeners) {
                            return [
                                {
                                    resource: route,
                                    message: `${at}: Gateway ${String(namespace)}/${String(parent.name)} is not declared by the stack, so its listeners cannot be checked for HTTPS`,
                                },
                            ];
                        }
                        if (typeof parent.sectionName !== "string") {
                            return [
                                {
                                    resource: route,
                                    message: `${at}: names no sectionName, so it attaches to every listener, plain HTTP too; name the HTTPS listener`,
                                },
                            ];
                        }
                        const listener = listeners.find((candidate) => candidate.name === parent.sectionName);
                        return listener?.protocol === "HTTPS"
                            ? []
                            : [
                                  {
                                      resource: route,
                                      message: `${at}: listener '${parent.sectionName}' is ${listener ? `${String(listener.protocol)}, not HTTPS` : "not a listener of the Gateway"}; in prod (env=prod) apps are served over HTTPS only`,
                                  },
                              ];
                    }),
            );
    },
};
