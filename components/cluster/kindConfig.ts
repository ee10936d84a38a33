// Pure builders for the kind cluster: its config file and the shell commands that
// create, delete and feed it. The commands fail with a plain message (not a stack
// trace) when kind or Docker is missing.
import { createHash } from "node:crypto";
import { dump } from "js-yaml";

import { KIND_VERSION, type KindClusterConfig } from "../../stacks/schema/cluster";

export function kindClusterConfig(name: string, config: KindClusterConfig): string {
    const node = (role: "control-plane" | "worker") => ({ role, image: config.nodeImage });
    const controlPlane = {
        ...node("control-plane"),
        ...(config.portMappings.length > 0
            ? {
                  // kind binds a mapping to 0.0.0.0 unless listenAddress is set (kind v0.32.0 pkg/cluster/internal/providers/docker/provision.go:369-372).
                  extraPortMappings: config.portMappings.map((m) => ({
                      containerPort: m.containerPort,
                      hostPort: m.hostPort,
                      listenAddress: m.listenAddress,
                      protocol: m.protocol,
                  })),
              }
            : {}),
    };
    const document = {
        kind: "Cluster",
        apiVersion: "kind.x-k8s.io/v1alpha4",
        name,
        nodes: [controlPlane, ...Array.from({ length: config.workers }, () => node("worker"))],
    };
    // No anchors and aliases, should an object ever be shared between nodes.
    return dump(document, { noRefs: true, lineWidth: -1 });
}

/** The release part of a `vX.Y.Z` version, e.g. 0.32.0. */
const KIND_RELEASE = KIND_VERSION.replace(/^v/, "");

/**
 * Refuses a kind CLI older than the pinned release: it cannot run the node image built for
 * that release. `kind version` prints `kind v<semver> <go version> <os>/<arch>` (kind
 * v0.32.0 pkg/cmd/kind/version/version.go:54-58, 81-85); output it cannot read is let through.
 */
const REQUIRE_KIND_VERSION = [
    `have=$(kind version 2>/dev/null | sed -n 's/^kind v\\([0-9]*\\.[0-9]*\\.[0-9]*\\).*/\\1/p' || true)`,
    `if [ -n "$have" ] && ! awk -v have="$have" -v min='${KIND_RELEASE}' 'BEGIN { split(have, h, "."); split(min, m, "."); for (i = 1; i <= 3; i++) if (h[i] + 0 != m[i] + 0) exit h[i] + 0 < m[i] + 0; exit 0 }'; then`,
    `  echo "kind v$have is older than ${KIND_VERSION}, the release this platform pins (components/cluster/kind.json) and whose node image it runs: upgrade kind (https://kind.sigs.k8s.io/docs/user/quick-start/#installation)" >&2`,
    "  exit 1",
    "fi",
].join("\n");

const REQUIRE_TOOLS = [
    `command -v kind >/dev/null 2>&1 || { echo "kind is not installed: install it from https://kind.sigs.k8s.io/docs/user/quick-start/#installation (${KIND_VERSION} or newer)" >&2; exit 1; }`,
    REQUIRE_KIND_VERSION,
    'docker info >/dev/null 2>&1 || { echo "Docker is not running or not installed: kind needs a running Docker engine (https://docs.docker.com/get-docker/)" >&2; exit 1; }',
].join("\n");

/** The fingerprint of a kind config, recorded in the cluster's control-plane node at creation. */
export function kindConfigDigest(kindConfig: string): string {
    return createHash("sha256").update(kindConfig).digest("hex");
}

/** kind names a cluster's single control-plane node (a container) `<cluster>-control-plane`. */
export function controlPlaneContainer(name: string): string {
    return `${name}-control-plane`;
}

const CONFIG_MARKER = "/kind/platform-config.sha256";

/**
 * Creates the cluster from the config on stdin and records the config's digest in the
 * control-plane node. A cluster of that name that this config did not create (another
 * stack's, one made by hand, or an older config) is refused, not adopted. Prints the
 * control-plane container's ID, which identifies this instance of the cluster.
 */
export function kindCreateCommand(name: string, configDigest: string): string {
    const node = controlPlaneContainer(name);
    return [
        "set -eu",
        REQUIRE_TOOLS,
        `if kind get clusters 2>/dev/null | grep -qx '${name}'; then`,
        `  if [ "$(docker exec '${node}' cat ${CONFIG_MARKER} 2>/dev/null || true)" != '${configDigest}' ]; then`,
        `    echo "a kind cluster named ${name} already exists, but this stack's cluster config did not create it (its nodes, node image or port mappings may differ). Delete it with 'kind delete cluster --name ${name}' and run pulumi up again, or give this stack another cluster.name." >&2`,
        "    exit 1",
        "  fi",
        "else",
        // kind prints its progress on both streams; stdout carries only the container ID.
        `  kind create cluster --name '${name}' --config - --wait 180s >&2`,
        `  docker exec '${node}' sh -c 'echo ${configDigest} > ${CONFIG_MARKER}' >&2`,
        "fi",
        `docker inspect --format '{{.Id}}' '${node}'`,
    ].join("\n");
}

export function kindDeleteCommand(name: string): string {
    return [
        "set -eu",
        'command -v kind >/dev/null 2>&1 || { echo "kind is not installed; nothing to delete" >&2; exit 0; }',
        `kind delete cluster --name '${name}'`,
    ].join("\n");
}

export function kindKubeconfigCommand(name: string): string {
    return ["set -eu", REQUIRE_TOOLS, `kind get kubeconfig --name '${name}'`].join("\n");
}

/** Loads local images into every node; images must exist in the local Docker engine. */
export function kindLoadImagesCommand(name: string, images: readonly string[]): string {
    const quoted = images.map((image) => `'${image}'`).join(" ");
    return [
        "set -eu",
        REQUIRE_TOOLS,
        `for image in ${quoted}; do docker image inspect "$image" >/dev/null 2>&1 || { echo "image $image is not in the local Docker engine: build or pull it first" >&2; exit 1; }; done`,
        `kind load docker-image --name '${name}' ${quoted}`,
    ].join("\n");
}
