// Which module of the kubernetes-models packages holds the schema of an apiVersion and
// kind: built-in APIs in kubernetes-models, Flux APIs in @kubernetes-models/flux-cd,
// Prometheus Operator APIs in @kubernetes-models/prometheus-operator. Each module
// exports one model class per kind, so the plan loads only the kinds it meets.

const GROUP = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const VERSION = /^v\d+((alpha|beta)\d+)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;

function packageOf(group: string): string {
    if (group.endsWith(".toolkit.fluxcd.io")) {
        return "@kubernetes-models/flux-cd";
    }
    if (group === "monitoring.coreos.com") {
        return "@kubernetes-models/prometheus-operator";
    }
    return "kubernetes-models";
}

/** The module specifier to import for this apiVersion and kind, or undefined when it cannot name one. */
export function modelModule(apiVersion: string, kind: string): string | undefined {
    const parts = apiVersion.split("/");
    const [group, version] = parts.length === 1 ? ["", parts[0]] : parts;
    if (parts.length > 2 || !VERSION.test(version) || !KIND.test(kind) || (group !== "" && !GROUP.test(group))) {
        return undefined;
    }
    return group === "" ? `kubernetes-models/${version}/${kind}` : `${packageOf(group)}/${group}/${version}/${kind}`;
}
