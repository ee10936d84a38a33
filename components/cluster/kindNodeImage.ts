// Which kind node images the pinned kind release can run (pure). kind supports a published
// node image only with the kind release it was published with, pulled by the digest its
// release notes give (kind site/content/docs/design/node-image.md); the release's default
// image is the newest it was built for (kind v0.32.0 pkg/apis/config/defaults/image.go:21).
// Images built with `kind build node-image` under another name are the user's own and pass.
import KIND from "./kind.json";

const OFFICIAL = /^(docker\.io\/)?kindest\/node(:|@)/;
const TAG_VERSION = /:v(\d+)\.(\d+)\.(\d+)(@|$)/;

type Version = [number, number, number];

function kubernetesVersion(image: string): Version | undefined {
    const match = TAG_VERSION.exec(image);
    return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

function newer(a: Version, b: Version): boolean {
    const index = a.findIndex((part, i) => part !== b[i]);
    return index >= 0 && a[index] > b[index];
}

export interface NodeImageFinding {
    /** The image cannot run with the pinned kind: the config is refused. */
    readonly refuse?: string;
    /** The image may not be the one meant: the program warns and goes on. */
    readonly warn?: string;
}

export function nodeImageFinding(image: string, kind: { version: string; nodeImage: string } = KIND): NodeImageFinding {
    if (image === kind.nodeImage || !OFFICIAL.test(image)) {
        return {};
    }
    const version = kubernetesVersion(image);
    const newest = kubernetesVersion(kind.nodeImage)!;
    if (version && newer(version, newest)) {
        const wanted = `v${version.join(".")}`;
        return {
            refuse:
                `${wanted} is newer than every node image kind ${kind.version} was built for (its newest is ${kind.nodeImage.split("@")[0]}): ` +
                `it needs a later kind release; raise version and nodeImage in components/cluster/kind.json together, or leave nodeImage unset`,
        };
    }
    if (!image.includes("@sha256:")) {
        return {
            warn:
                `cluster.nodeImage ${image} is not pinned by digest: kind ${kind.version} runs only the node images its release notes list, by digest ` +
                `(a tag may point at an image built for another kind release); use the digest from those notes, or leave nodeImage unset for ${kind.nodeImage}`,
        };
    }
    return {};
}
