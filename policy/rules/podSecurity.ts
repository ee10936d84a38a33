// The restricted Pod Security Standard on every container of every pod the platform
// declares: non-root, no privilege escalation, no capabilities, RuntimeDefault seccomp
// and a read-only root filesystem. Pod-level settings count where the container may
// inherit them (runAsNonRoot, seccompProfile); a container-level value overrides them.
import { asArray, asRecord } from "../kubernetes/objects";
import { containerProblems } from "../kubernetes/podTemplates";
import type { ResourceRule } from "../rule";

const securityContext = (container: Record<string, unknown>) => asRecord(container.securityContext);

export const runAsNonRoot: ResourceRule = {
    name: "pods-run-as-non-root",
    description: "Every container runs as a non-root user: securityContext.runAsNonRoot is true on the container or its pod.",
    check: (resource) =>
        containerProblems(resource, ({ container }, pod) => {
            const own = securityContext(container).runAsNonRoot;
            const effective = own ?? asRecord(pod.securityContext).runAsNonRoot;
            return effective === true ? undefined : "securityContext.runAsNonRoot must be true (on the container or the pod)";
        }),
};

export const noPrivilegeEscalation: ResourceRule = {
    name: "pods-no-privilege-escalation",
    description: "Every container sets securityContext.allowPrivilegeEscalation to false.",
    check: (resource) =>
        containerProblems(resource, ({ container }) =>
            securityContext(container).allowPrivilegeEscalation === false ? undefined : "securityContext.allowPrivilegeEscalation must be false",
        ),
};

export const dropAllCapabilities: ResourceRule = {
    name: "pods-drop-all-capabilities",
    description: "Every container drops all Linux capabilities: securityContext.capabilities.drop contains ALL.",
    check: (resource) =>
        containerProblems(resource, ({ container }) => {
            const drop = asArray(asRecord(securityContext(container).capabilities).drop);
            return drop.includes("ALL") ? undefined : "securityContext.capabilities.drop must contain ALL";
        }),
};

export const seccompRuntimeDefault: ResourceRule = {
    name: "pods-seccomp-runtime-default",
    description: "Every container runs under the RuntimeDefault seccomp profile, set on the container or its pod.",
    check: (resource) =>
        containerProblems(resource, ({ container }, pod) => {
            const profile = securityContext(container).seccompProfile ?? asRecord(pod.securityContext).seccompProfile;
            const type = asRecord(profile).type;
            return type === "RuntimeDefault"
                ? undefined
                : `securityContext.seccompProfile.type must be RuntimeDefault (on the container or the pod); found ${type === undefined ? "none" : String(type)}`;
        }),
};

export const readOnlyRootFilesystem: ResourceRule = {
    name: "pods-read-only-root-filesystem",
    description: "Every container mounts its root filesystem read-only; paths it writes to get their own volumes.",
    check: (resource) =>
        containerProblems(resource, ({ container }) =>
            securityContext(container).readOnlyRootFilesystem === true
                ? undefined
                : "securityContext.readOnlyRootFilesystem must be true (mount an emptyDir where the app writes)",
        ),
};
