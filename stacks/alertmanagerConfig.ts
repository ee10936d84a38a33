// A light check of the Alertmanager configuration a stack keeps in secret config: the
// operator rejects a broken one only in its logs (Alertmanager keeps the old config),
// so `pulumi up` would succeed with alerts going nowhere. Messages never quote the
// content, which holds webhook URLs and tokens.
import { parseDocument } from "yaml";

export function alertmanagerConfigProblem(text: string): string | undefined {
    const document = parseDocument(text);
    if (document.errors.length > 0) {
        const line = document.errors[0].linePos?.[0].line;
        return `is not valid YAML${line ? ` (line ${line})` : ""}`;
    }
    const config: unknown = document.toJS();
    if (!isMapping(config)) {
        return "must be a YAML mapping with 'route' and 'receivers' (an alertmanager.yaml)";
    }
    if (!Array.isArray(config.receivers) || config.receivers.length === 0) {
        return "has no 'receivers' list";
    }
    const names = config.receivers.map((receiver) => (isMapping(receiver) ? receiver.name : undefined));
    if (names.some((name) => typeof name !== "string" || name === "")) {
        return "has a receiver without a 'name'";
    }
    if (!isMapping(config.route) || typeof config.route.receiver !== "string") {
        return "has no 'route' with a default 'receiver'";
    }
    if (!names.includes(config.route.receiver)) {
        return `routes to receiver '${config.route.receiver}', which is not in 'receivers' (${names.join(", ")})`;
    }
    return undefined;
}

function isMapping(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}
