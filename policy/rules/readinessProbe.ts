// A serving container without a readiness probe receives traffic before it can answer
// and during rollouts; run-to-completion pods (Jobs, CronJobs) and init containers
// serve nothing and are exempt.
import { containerProblems } from "../kubernetes/podTemplates";
import type { ResourceRule } from "../rule";

export const readinessProbe: ResourceRule = {
    name: "pods-readiness-probe",
    description: "Every container of a long-running workload (not Jobs or CronJobs) has a readinessProbe.",
    check: (resource) =>
        containerProblems(resource, ({ container, init }, _pod, template) =>
            !template.longRunning || init || container.readinessProbe ? undefined : "readinessProbe is not set; a serving container needs one",
        ),
};
