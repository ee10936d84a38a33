// Loads the model class of a kind on first use. The kubernetes-models packages are
// ESM-only: a real dynamic import() (this project compiles with module "node16", which
// keeps import() in CommonJS output) loads them; require() cannot.
import { shortcutsEnabled } from "../shortcuts";
import { loadBundle, modelBundle, type ModelModules } from "./modelBundle";
import { modelModule } from "./modelModules";

export interface ValidationIssue {
    instancePath: string;
    message?: string;
    params?: Record<string, unknown>;
}

export interface ModelClass {
    readonly apiVersion: string;
    readonly kind: string;
    new (data: object): { validate(): void };
}

const cache = new Map<string, Promise<ModelClass | undefined>>();

/** The model for this apiVersion and kind, or undefined when no schema is known for it. */
export function loadModel(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
    const key = `${apiVersion}/${kind}`;
    let model = cache.get(key);
    if (!model) {
        model = importModel(apiVersion, kind);
        cache.set(key, model);
    }
    return model;
}

/**
 * Loads the models of these kinds ahead, from one bundled module (see modelBundle.ts), so
 * that loadModel finds them cached; with the plan's shortcuts off, each is imported on its own.
 */
export async function preloadModels(kinds: readonly { apiVersion: string; kind: string }[]): Promise<void> {
    const wanted = kinds
        .map(({ apiVersion, kind }) => ({ apiVersion, kind, key: `${apiVersion}/${kind}`, specifier: modelModule(apiVersion, kind) }))
        .filter((entry): entry is typeof entry & { specifier: string } => entry.specifier !== undefined && !cache.has(entry.key));
    if (!shortcutsEnabled() || wanted.length === 0) {
        return;
    }
    const file = await modelBundle(wanted.map((entry) => entry.specifier));
    if (!file) {
        return;
    }
    const modules: ModelModules = loadBundle(file);
    for (const { apiVersion, kind, key, specifier } of wanted) {
        cache.set(key, Promise.resolve(modelOf(modules[specifier] ?? {}, apiVersion, kind)));
    }
}

async function importModel(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
    const specifier = modelModule(apiVersion, kind);
    if (!specifier) {
        return undefined;
    }
    try {
        return modelOf(await import(specifier), apiVersion, kind);
    } catch (error) {
        if (isMissingModule(error)) {
            return undefined;
        }
        throw error;
    }
}

function modelOf(exports: Record<string, unknown>, apiVersion: string, kind: string): ModelClass | undefined {
    const model = exports[kind] as ModelClass | undefined;
    // Modules also exist for nested types (e.g. DeploymentSpec); only a top-level kind counts.
    return typeof model === "function" && model.kind === kind && model.apiVersion === apiVersion ? model : undefined;
}

function isMissingModule(error: unknown): boolean {
    const code = (error as { code?: string }).code;
    return code === "ERR_MODULE_NOT_FOUND" || code === "ERR_PACKAGE_PATH_NOT_EXPORTED" || code === "MODULE_NOT_FOUND";
}

/** The schema issues of a validation error, or undefined if it is some other error. */
export function validationIssues(error: unknown): ValidationIssue[] | undefined {
    const issues = (error as { errors?: unknown }).errors;
    return Array.isArray(issues) ? (issues as ValidationIssue[]) : undefined;
}
