// The cloud account as it is once every app's image is pushed: what the offline plan
// and the stack tests assume, so they show the stack as it converges. ECR cannot be read
// offline; the first run, with empty repositories, is tested on its own.
import { repositoryName } from "../components/addons/ecr/repositoryName";
import type { MockAccount } from "./mockOutputs";

interface RawApp {
    name?: unknown;
    image?: unknown;
    imageTag?: unknown;
    imageDigest?: unknown;
}

/** Every app that runs from its repository finds its tag or digest there; config that does not parse gives an empty account. */
export function accountWithPushedImages(project: string, config: Record<string, string>): MockAccount {
    const environment = config[`${project}:environment`];
    const apps = parseList(config[`${project}:apps`]);
    const ecrImages: Record<string, string[]> = {};
    for (const app of apps) {
        const reference = app.imageDigest ?? app.imageTag;
        if (typeof app.name === "string" && app.image === undefined && (typeof reference === "string" || typeof reference === "number")) {
            ecrImages[repositoryName(String(environment), app.name)] = [String(reference)];
        }
    }
    return { ecrImages };
}

function parseList(text: string | undefined): RawApp[] {
    try {
        const value: unknown = JSON.parse(text ?? "[]");
        return Array.isArray(value) ? value.filter((item): item is RawApp => item !== null && typeof item === "object") : [];
    } catch {
        return [];
    }
}
