// Derives the IAM facts the tests need from upstream's Karpenter CloudFormation template and
// writes them to test/fixtures/reference/iam/: the controller's managed policies, the
// interruption queue's policy and the EventBridge patterns, with CloudFormation's
// placeholders kept as `${Name}` text (`!GetAtt Queue.Arn` becomes "${Queue.Arn}") so a
// test fills them the way the add-on does.
//   git show v1.14.1:website/content/en/docs/getting-started/getting-started-with-karpenter/cloudformation.yaml > /tmp/cfn.yaml
//   node --require ./tools/typescript-loader.cjs tools/cloudFormationFacts.ts /tmp/cfn.yaml <commit> <tag>
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_SCHEMA, load, Type } from "js-yaml";

import { FACTS_DIR } from "./referenceFacts";

/** CloudFormation's short-form functions, read as the `${…}` text they stand for. */
const CLOUDFORMATION_SCHEMA = DEFAULT_SCHEMA.extend([
    new Type("!Sub", { kind: "scalar", construct: (text: string) => text }),
    new Type("!GetAtt", { kind: "scalar", construct: (name: string) => `\${${name}}` }),
    new Type("!Ref", { kind: "scalar", construct: (name: string) => `\${${name}}` }),
]);

interface Resource {
    Type: string;
    Properties: { PolicyDocument?: unknown; EventPattern?: unknown };
}

export interface KarpenterSource {
    readonly repository: string;
    readonly path: string;
    readonly tag: string;
    readonly commit: string;
}

/** The facts files by name, derived from the template's text. */
export function karpenterIamFacts(templateYaml: string, source: KarpenterSource): Record<string, string> {
    const template = load(templateYaml, { schema: CLOUDFORMATION_SCHEMA }) as { Resources: Record<string, Resource> };
    const ofType = (type: string) => Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
    // The managed policies' documents are JSON text, because one condition key interpolates the cluster name.
    const policies = Object.fromEntries(
        ofType("AWS::IAM::ManagedPolicy").map(([name, resource]) => [name, { PolicyDocument: JSON.parse(String(resource.Properties.PolicyDocument)) }]),
    );
    const [[, queuePolicy]] = ofType("AWS::SQS::QueuePolicy");
    const rules = Object.fromEntries(ofType("AWS::Events::Rule").map(([name, resource]) => [name, { EventPattern: resource.Properties.EventPattern }]));
    const json = (value: unknown) => `${JSON.stringify(value, null, 1)}\n`;
    return {
        "karpenter-controller-policy.json": json({ source, policies }),
        "karpenter-interruption.json": json({ source, queuePolicy: { PolicyDocument: queuePolicy.Properties.PolicyDocument }, rules }),
    };
}

function main(args: string[]): number {
    const [file, commit, tag] = args;
    if (!file || !commit || !tag) {
        console.error("usage: cloudFormationFacts.ts <cloudformation.yaml> <commit> <tag>");
        return 2;
    }
    const source = {
        repository: "aws/karpenter-provider-aws",
        path: "website/content/en/docs/getting-started/getting-started-with-karpenter/cloudformation.yaml",
        tag,
        commit,
    };
    const facts = karpenterIamFacts(readFileSync(file, "utf8"), source);
    mkdirSync(join(FACTS_DIR, "iam"), { recursive: true });
    for (const [name, text] of Object.entries(facts)) {
        writeFileSync(join(FACTS_DIR, "iam", name), text);
    }
    console.log(`Wrote ${Object.keys(facts).length} facts files to ${join(FACTS_DIR, "iam")}`);
    return 0;
}

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2));
}
