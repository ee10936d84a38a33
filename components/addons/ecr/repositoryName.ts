// The ECR repository of an app, `<environment>/<app>`: one rule for the registry that
// creates it and for the image lookup that reads it.

export function repositoryName(prefix: string, app: string): string {
    return `${prefix}/${app}`;
}
