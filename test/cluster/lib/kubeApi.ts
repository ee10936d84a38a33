// A small client for the real API server the cluster tier starts: discovery, server-side
// apply (optionally as a dry run), read and delete of any object, by kind. Requests go
// over HTTPS with the kubeconfig's client certificate; nothing here retries or guesses.
import { readFileSync } from "node:fs";
import { request } from "node:https";
import { load } from "js-yaml";

export interface KubeObject {
    apiVersion: string;
    kind: string;
    metadata: { name: string; namespace?: string; [key: string]: unknown };
    [key: string]: unknown;
}

interface ResourceInfo {
    plural: string;
    namespaced: boolean;
}

export class ApiError extends Error {
    constructor(
        readonly status: number,
        readonly reason: string,
        message: string,
    ) {
        super(message);
    }
}

interface KubeconfigFile {
    clusters: { cluster: { server: string; "certificate-authority-data"?: string } }[];
    users: { user: { "client-certificate-data"?: string; "client-key-data"?: string } }[];
}

/** The field manager every apply uses: a second apply of the same object is a no-op. */
const FIELD_MANAGER = "platform-cluster-tier";

export class KubeApi {
    private readonly resources = new Map<string, Map<string, ResourceInfo>>();

    private constructor(
        private readonly server: URL,
        private readonly tls: { ca?: Buffer | string; cert?: Buffer | string; key?: Buffer | string },
    ) {}

    /** A kubeconfig with embedded certificate data, as the harness writes it. */
    static async fromFile(path: string): Promise<KubeApi> {
        const config = load(readFileSync(path, "utf8")) as KubeconfigFile;
        const cluster = config.clusters[0].cluster;
        const user = config.users[0].user;
        const decode = (data?: string) => (data ? Buffer.from(data, "base64") : undefined);
        return new KubeApi(new URL(cluster.server), {
            ca: decode(cluster["certificate-authority-data"]),
            cert: decode(user["client-certificate-data"]),
            key: decode(user["client-key-data"]),
        });
    }

    /** Every group/version the server serves, as Helm's `--api-versions` takes them (with `/Kind` entries). */
    async apiVersions(): Promise<string[]> {
        const versions: string[] = ["v1"];
        const groups = (await this.send("GET", "/apis")) as { groups: { versions: { groupVersion: string }[] }[] };
        for (const group of groups.groups) {
            versions.push(...group.versions.map((version) => version.groupVersion));
        }
        const withKinds: string[] = [];
        for (const groupVersion of versions) {
            const kinds = await this.kinds(groupVersion, true).catch(() => new Map<string, ResourceInfo>());
            withKinds.push(groupVersion, ...[...kinds.keys()].map((kind) => `${groupVersion}/${kind}`));
        }
        return withKinds;
    }

    async resourceOf(apiVersion: string, kind: string): Promise<ResourceInfo> {
        let info = (await this.kinds(apiVersion)).get(kind);
        if (!info) {
            info = (await this.kinds(apiVersion, true)).get(kind);
        }
        if (!info) {
            throw new ApiError(404, "NotFound", `the server does not serve ${kind} in ${apiVersion}`);
        }
        return info;
    }

    /** Whether the server serves the object's kind (a custom kind: once its CRD is established). */
    async serves(object: KubeObject): Promise<boolean> {
        try {
            await this.resourceOf(object.apiVersion, object.kind);
            return true;
        } catch (error) {
            if (error instanceof ApiError && error.status === 404) {
                return false;
            }
            throw error;
        }
    }

    async isNamespaced(object: KubeObject): Promise<boolean> {
        return (await this.resourceOf(object.apiVersion, object.kind)).namespaced;
    }

    async apply(object: KubeObject, options: { dryRun?: boolean } = {}): Promise<KubeObject> {
        const query = `fieldManager=${FIELD_MANAGER}&force=true${options.dryRun ? "&dryRun=All" : ""}`;
        return (await this.send("PATCH", `${await this.path(object)}?${query}`, object, "application/apply-patch+yaml")) as KubeObject;
    }

    async get(object: KubeObject): Promise<KubeObject | undefined> {
        try {
            return (await this.send("GET", await this.path(object))) as KubeObject;
        } catch (error) {
            if (error instanceof ApiError && error.status === 404) {
                return undefined;
            }
            throw error;
        }
    }

    async list(apiVersion: string, kind: string, namespace?: string): Promise<KubeObject[]> {
        const path = await this.collectionPath(apiVersion, kind, namespace);
        return ((await this.send("GET", path)) as { items: KubeObject[] }).items;
    }

    /** Deletes in the background (the garbage collector removes dependents); an object already gone counts as deleted. */
    async delete(object: KubeObject): Promise<void> {
        try {
            await this.send("DELETE", await this.path(object), { kind: "DeleteOptions", apiVersion: "v1", propagationPolicy: "Background" });
        } catch (error) {
            if (!(error instanceof ApiError && error.status === 404)) {
                throw error;
            }
        }
    }

    private async kinds(apiVersion: string, refresh = false): Promise<Map<string, ResourceInfo>> {
        const cached = this.resources.get(apiVersion);
        if (cached && !refresh) {
            return cached;
        }
        const base = apiVersion === "v1" ? "/api/v1" : `/apis/${apiVersion}`;
        const list = (await this.send("GET", base)) as { resources: { name: string; kind: string; namespaced: boolean }[] };
        const kinds = new Map<string, ResourceInfo>();
        for (const resource of list.resources.filter((entry) => !entry.name.includes("/"))) {
            kinds.set(resource.kind, { plural: resource.name, namespaced: resource.namespaced });
        }
        this.resources.set(apiVersion, kinds);
        return kinds;
    }

    private async collectionPath(apiVersion: string, kind: string, namespace?: string): Promise<string> {
        const info = await this.resourceOf(apiVersion, kind);
        const base = apiVersion === "v1" ? "/api/v1" : `/apis/${apiVersion}`;
        return info.namespaced && namespace ? `${base}/namespaces/${namespace}/${info.plural}` : `${base}/${info.plural}`;
    }

    private async path(object: KubeObject): Promise<string> {
        const info = await this.resourceOf(object.apiVersion, object.kind);
        if (info.namespaced && !object.metadata.namespace) {
            throw new Error(`${object.kind} ${object.metadata.name} is namespaced but names no namespace`);
        }
        return `${await this.collectionPath(object.apiVersion, object.kind, object.metadata.namespace)}/${encodeURIComponent(object.metadata.name)}`;
    }

    private send(method: string, path: string, body?: unknown, contentType = "application/json"): Promise<unknown> {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        return new Promise((resolve, reject) => {
            const req = request(
                new URL(path, this.server),
                {
                    method,
                    ...this.tls,
                    headers: { accept: "application/json", ...(payload ? { "content-type": contentType, "content-length": Buffer.byteLength(payload) } : {}) },
                },
                (res) => {
                    const chunks: Buffer[] = [];
                    res.on("data", (chunk: Buffer) => chunks.push(chunk));
                    res.on("end", () => {
                        const text = Buffer.concat(chunks).toString("utf8");
                        const parsed = parseBody(text);
                        if ((res.statusCode ?? 500) >= 400) {
                            reject(
                                new ApiError(
                                    res.statusCode ?? 500,
                                    parsed.reason ?? "Unknown",
                                    `${method} ${path}: ${res.statusCode} ${parsed.message ?? text}`,
                                ),
                            );
                        } else {
                            resolve(parsed);
                        }
                    });
                },
            );
            req.on("error", reject);
            req.end(payload);
        });
    }
}

/** A JSON body, or the text of a plain one (the server's `404 page not found`). */
function parseBody(text: string): { reason?: string; message?: string } {
    try {
        return text ? (JSON.parse(text) as { reason?: string; message?: string }) : {};
    } catch {
        return { message: text.trim() };
    }
}
