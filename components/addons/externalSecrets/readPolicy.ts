// The IAM policy of the operator's role (pure): read-only, on the secrets under the prefix.
// GetSecretValue, DescribeSecret and ListSecretVersionIds are what the AWS provider calls
// for `data[].remoteRef` (external-secrets/external-secrets@helm-chart-2.9.0
// docs/provider/aws-secrets-manager.md:21-53; ListSecrets and BatchGetSecretValue only
// serve `dataFrom.find`, which the platform does not use). kms:Decrypt is needed only for
// secrets encrypted with a customer-managed key, and only through Secrets Manager.

export interface ReadPolicyScope {
    readonly partition: string;
    readonly region: string;
    readonly accountId: string;
    readonly keyPrefix: string;
    readonly kmsKeyArn?: string;
}

export const READ_ACTIONS = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:ListSecretVersionIds"] as const;

/** ARN of every secret whose name starts with the prefix (Secrets Manager appends `-` and six random characters to each name). */
export function secretArnPattern(scope: ReadPolicyScope): string {
    return `arn:${scope.partition}:secretsmanager:${scope.region}:${scope.accountId}:secret:${scope.keyPrefix}*`;
}

export function externalSecretsReadPolicy(scope: ReadPolicyScope): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "ReadSecretsUnderPrefix", Effect: "Allow", Action: [...READ_ACTIONS], Resource: [secretArnPattern(scope)] },
            ...(scope.kmsKeyArn
                ? [
                      {
                          Sid: "DecryptThroughSecretsManager",
                          Effect: "Allow",
                          Action: ["kms:Decrypt"],
                          Resource: [scope.kmsKeyArn],
                          Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${scope.region}.amazonaws.com` } },
                      },
                  ]
                : []),
        ],
    });
}
