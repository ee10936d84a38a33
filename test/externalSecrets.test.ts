// The externalSecrets add-on: the read-only IAM policy, the role's trust, the store and the
// app's ExternalSecret against the v2.9.0 CRDs, the Deployment reading the synced Secret and
// rolled by Reloader, the order of creation and deletion, and the refusals of the mapping.
import * as assert from "node:assert/strict";

import { EXTERNAL_SECRETS_CHART, RELOADER_CHART } from "../components/addons/externalSecrets/charts";
import { externalSecretsReadPolicy, secretArnPattern } from "../components/addons/externalSecrets/readPolicy";
import { externalSecretsValues, reloaderValues } from "../components/addons/externalSecrets/values";
import { externalSecretSpec } from "../components/workloads/externalSecret";
import { ConfigError } from "../stacks/configError";
import { externalSecretRefProblem, parseExternalSecretRef } from "../stacks/externalSecretRef";
import { parseStackConfig } from "../stacks/parse";
import { chartCheck, SAMPLE_CREDENTIALS, unknownValueKeys } from "./harness/chartKeys";
import { schemaProblems } from "./harness/crdSchema";
import { evaluateStackFile, Resources, stackInput } from "./harness/evaluateStack";
import { validValues } from "./harness/fixtures";
import { crdSchema } from "./harness/reference";
import { T } from "./harness/resourceTypes";
import { boundByPodIdentity, roleBinding } from "./harness/workloadIdentity";

const R = { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "500m", memory: "256Mi" } };

function eksValues(apps: unknown[], externalSecrets: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        environment: "prod",
        cluster: { type: "eks", nodeGroups: [{ name: "general", instanceTypes: ["m7i.large"], minSize: 2, maxSize: 4, desiredSize: 2 }] },
        apps,
        externalSecrets,
    };
}

const app = (extra: Record<string, unknown>) => ({ name: "web", imageTag: "1.0.0", containerPort: 5000, ...extra });

function refused(values: Record<string, unknown>, key: string, message: RegExp): void {
    assert.throws(
        () => parseStackConfig({ stack: "test", values, awsRegion: "us-east-1" }),
        (error: unknown) => error instanceof ConfigError && error.problems.some((p) => p.key === key && message.test(p.message)),
        `${key} ${message}`,
    );
}

describe("externalSecrets add-on", () => {
    let prod: Resources;
    before(async () => {
        prod = await evaluateStackFile("prod");
    });

    it("reads only the secrets under the prefix, read-only; kms:Decrypt only through Secrets Manager, only when a key is named", () => {
        const scope = { partition: "aws", region: "us-east-1", accountId: "123456789012", keyPrefix: "prod/" };
        const policy = JSON.parse(externalSecretsReadPolicy(scope));
        assert.deepEqual(policy.Statement, [
            {
                Sid: "ReadSecretsUnderPrefix",
                Effect: "Allow",
                Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:ListSecretVersionIds"],
                Resource: ["arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/*"],
            },
        ]);
        const kms = "arn:aws:kms:us-east-1:123456789012:key/abc";
        const withKey = JSON.parse(externalSecretsReadPolicy({ ...scope, kmsKeyArn: kms })).Statement[1];
        assert.deepEqual(withKey, {
            Sid: "DecryptThroughSecretsManager",
            Effect: "Allow",
            Action: ["kms:Decrypt"],
            Resource: [kms],
            Condition: { StringEquals: { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com" } },
        });
        assert.equal(secretArnPattern(scope), "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/*");
        // The plan's policy is the same document, for the mocked account.
        const planned = JSON.parse((prod.get("aws:iam/rolePolicy:RolePolicy", "external-secrets-operator-inline-policy").inputs as any).policy);
        assert.deepEqual(planned.Statement[0].Resource, ["arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/*"]);
    });

    it("lets only the operator's service account assume the role, and binds the role to it", () => {
        assert.deepEqual(roleBinding(prod, "external-secrets-operator"), boundByPodIdentity("external-secrets:external-secrets"));
    });

    it("writes a store and an ExternalSecret the v2.9.0 CRDs accept (external-secrets.io/v1)", async () => {
        const store = prod.get(T.store, "external-secrets-store").inputs as any;
        assert.deepEqual(
            schemaProblems({ ...store, metadata: undefined }, crdSchema("external-secrets.io_clustersecretstores", "v1")).filter(
                (p) => !p.startsWith("metadata"),
            ),
            [],
        );
        // No auth block: the controller's own credentials (its service account's role) (docs/provider/aws-access.md:3-27).
        assert.equal(store.spec.provider.aws.auth, undefined);
        // The service whose API the operator's role may call, in the region the stack file names; another region moves the store.
        const actions: string[] = JSON.parse((prod.get("aws:iam/rolePolicy:RolePolicy", "external-secrets-operator-inline-policy").inputs as any).policy)
            .Statement[0].Action;
        assert.ok(
            actions.every((action) => action.startsWith(`${store.spec.provider.aws.service.toLowerCase()}:`)),
            actions.join(", "),
        );
        assert.equal(store.spec.provider.aws.region, stackInput("prod").config["aws:region"]);
        const elsewhere = await evaluateStackFile("prod", { "aws:region": "eu-west-1" });
        assert.equal((elsewhere.get(T.store, "external-secrets-store").inputs as any).spec.provider.aws.region, "eu-west-1");
        // Usable exactly where the stack's ExternalSecrets are.
        const externalSecrets = prod.ofType(T.externalSecret).map((resource) => resource.inputs as any);
        assert.deepEqual(store.spec.conditions, [{ namespaces: [...new Set(externalSecrets.map((es) => es.metadata.namespace))] }]);
        const es = prod.get(T.externalSecret, "backend-api-external").inputs as any;
        assert.deepEqual(
            schemaProblems({ ...es, metadata: undefined }, crdSchema("external-secrets.io_externalsecrets", "v1")).filter((p) => !p.startsWith("metadata")),
            [],
        );
        // One entry per variable the stack file maps, each reading the secret it names.
        const apps = JSON.parse(stackInput("prod").config["platform:apps"]) as { name: string; externalSecrets?: Record<string, string> }[];
        const mapped = apps.find((candidate) => candidate.name === "backend-api")!.externalSecrets!;
        assert.ok(Object.keys(mapped).length > 0);
        assert.deepEqual(
            es.spec.data,
            Object.entries(mapped).map(([secretKey, key]) => ({ secretKey, remoteRef: { key } })),
        );
        assert.deepEqual(es.metadata.labels.app, "backend-api");
        const withProperty = externalSecretSpec({
            refs: { DB_PASSWORD: "prod/db, password" },
            store: { kind: "ClusterSecretStore", name: "s" },
            refreshInterval: "1h",
        });
        assert.deepEqual((withProperty.data as any)[0], { secretKey: "DB_PASSWORD", remoteRef: { key: "prod/db", property: "password" } });
    });

    it("feeds the Deployment from the synced Secret and has Reloader roll it on a change", () => {
        const deployment = prod.get(T.deployment, "backend-api").inputs as any;
        const env = deployment.spec.template.spec.containers[0].env;
        assert.deepEqual(
            env.find((e: any) => e.name === "EXTERNAL_INTEGRATION_KEY"),
            { name: "EXTERNAL_INTEGRATION_KEY", valueFrom: { secretKeyRef: { name: "backend-api-external", key: "EXTERNAL_INTEGRATION_KEY" } } },
        );
        // stakater/Reloader@v1.4.21 internal/pkg/options/flags.go:22; pkg/common/common.go:236-250 reads the workload's annotations first.
        assert.equal(deployment.metadata.annotations["secret.reloader.stakater.com/reload"], "backend-api-external");
        // No Pulumi-managed Secret is left for it.
        assert.equal(prod.find("kubernetes:core/v1:Secret", "backend-api-secret"), undefined);
        // What Reloader watches, as its chart renders the values, is checked in chartRender.test.ts.
    });

    it("orders the ExternalSecret after the operator and store, and the Deployment after it (so destroy removes them while the operator still clears the finalizer)", () => {
        const es = prod.get(T.externalSecret, "backend-api-external");
        assert.ok(es.dependsOn.includes(`${T.release}::external-secrets-operator`));
        assert.ok(es.dependsOn.includes(`${T.store}::external-secrets-store`));
        assert.ok(prod.get(T.deployment, "backend-api").dependsOn.includes(`${T.externalSecret}::backend-api-external`));
        assert.deepEqual(prod.get(T.store, "external-secrets-store").dependsOn, [`${T.release}::external-secrets-operator`]);
    });

    it("sets only keys the pinned ESO and Reloader charts read", () => {
        assert.deepEqual(unknownValueKeys(externalSecretsValues(SAMPLE_CREDENTIALS, R), chartCheck(EXTERNAL_SECRETS_CHART)), []);
        assert.deepEqual(unknownValueKeys(reloaderValues(["apps"], R), chartCheck(RELOADER_CHART)), []);
    });

    it("parses `<name>[, <property>]` and refuses what Secrets Manager would not name", () => {
        assert.deepEqual(parseExternalSecretRef("prod/a"), { key: "prod/a" });
        assert.deepEqual(parseExternalSecretRef(" prod/a , token "), { key: "prod/a", property: "token" });
        assert.match(externalSecretRefProblem("prod/a, b, c")!, /only one comma/);
        assert.match(externalSecretRefProblem("prod a")!, /not a Secrets Manager secret name/);
        assert.match(externalSecretRefProblem("prod/a,")!, /names no property/);
    });

    it("refuses at plan time a key outside the prefix, a variable in two sources, and the mapping where the add-on is absent", () => {
        const ok = eksValues([app({ externalSecrets: { TOKEN: "prod/web/token" } })]);
        assert.doesNotThrow(() => parseStackConfig({ stack: "test", values: ok, awsRegion: "us-east-1" }));
        refused(
            eksValues([app({ externalSecrets: { TOKEN: "staging/web/token" } })]),
            "apps[0].externalSecrets.TOKEN",
            /'staging\/web\/token' is outside .*'prod\/'/,
        );
        refused(eksValues([app({ externalSecrets: { TOKEN: "team/x" } })], { keyPrefix: "team/y" }), "apps[0].externalSecrets.TOKEN", /outside .*'team\/y'/);
        refused(
            eksValues([app({ externalSecrets: { TOKEN: "prod/web/token" }, secretEnv: { TOKEN: "webToken" } })]),
            "apps[0].externalSecrets.TOKEN",
            /is also secretEnv\.TOKEN/,
        );
        refused(eksValues([app({ externalSecrets: { TOKEN: "prod/web/token" }, env: { TOKEN: "x" } })]), "apps[0].externalSecrets.TOKEN", /is also set in env/);
        refused(
            eksValues([app({ externalSecrets: { TOKEN: "prod/web/token" } })], { enabled: false }),
            "apps[0].externalSecrets.TOKEN",
            /needs the externalSecrets add-on, which is off/,
        );
        const kind = validValues();
        kind.apps[0].externalSecrets = { TOKEN: "test/web/token" };
        refused(kind, "apps[0].externalSecrets.TOKEN", /does not run on existing clusters; use secretEnv here/);
        refused(eksValues([app({ externalSecrets: { TOKEN: "prod/a,b,c" } })]), "apps[0].externalSecrets.TOKEN", /only one comma/);
        refused(eksValues([app({})], { kmsKeyArn: "key" }), "externalSecrets.kmsKeyArn", /must be a KMS key ARN/);
    });
});
