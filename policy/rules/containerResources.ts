// Requests make scheduling and HPA utilisation meaningful; limits keep one container
// from starving its neighbours. Every container needs both, for CPU and memory.
import { asRecord } from "../kubernetes/objects";
import { containerProblems } from "../kubernetes/podTemplates";
import type { ResourceRule } from "../rule";

export const REQUIRED = ["requests.cpu", "requests.memory", "limits.cpu", "limits.memory"] as const;

export const containerResources: ResourceRule = {
    name: "pods-requests-and-limits",
    description: "Every container sets resources.requests and resources.limits for both cpu and memory.",
    check: (resource) =>
        containerProblems(resource, ({ container }) => {
            const resources = asRecord(container.resources);
            const missing = REQUIRED.filter((path) => {
                const [section, name] = path.split(".");
                const value = asRecord(resources[section])[name];
                return value === undefined || value === null || value === "";
            });
            return missing.length === 0 ? undefined : `resources must set ${missing.map((path) => `resources.${path}`).join(", ")}`;
        }),
};
