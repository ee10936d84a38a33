// Field paths as users read them: `spec.template.spec.containers[0].image`.

/** Converts a JSON pointer (`/spec/containers/0/image`) to a field path. */
export function fieldPathOf(pointer: string): string {
    return pointer
        .split("/")
        .slice(1)
        .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
        .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), "");
}
