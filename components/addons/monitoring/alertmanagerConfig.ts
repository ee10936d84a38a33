// A light check of the Alertmanager configuration a stack keeps in secret config: the
// operator rejects a broken one only in its logs (Alertmanager keeps the old config),
// so `pulumi up` would succeed with alerts going nowhere. Messages never quote the
// content, which holds webhook URLs and tokens.
import { CORE_SCHEMA, load, YAMLException } from "js-yaml";

import { isMapping } from "../../../stacks/schema/base";

export function alertmanagerConfigProblem(text: string): string | undefined {
    let config: unknown;
    try {
        config = load(text, { schema: CORE_SCHEMA });
    } catch (error) {
        if (!(error instanceof YAMLException)) {
            throw error;
        }
        // The mark counts lines from 0 and may sit just past the end of the text; the
        // exception's own message would quote the content.
        const line = error.mark === undefined ? undefined : Math.min(error.mark.line + 1, text.split("\n").length);
        return `is not valid YAML${line === undefined ? "" : ` (line ${line})`}`;
    }
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
