import * as assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";

import { PLATFORM_POLICIES } from "../../policy/policies";
import { RESOURCE_RULES, STACK_RULES } from "../../policy/rules";
import { PROJECT_ROOT } from "../harness/evaluateStack";
import { changed, deployment, firstContainer, T } from "./fixtures";

const POLICY_DIR = join(PROJECT_ROOT, "policy");

/** Calls a resource policy the way the policy runtime does, collecting what it reports. */
function validate(policy: any, resource: { type: string; name: string; inputs: Record<string, unknown> }): string[] {
    const reported: string[] = [];
    policy.validateResource({ type: resource.type, name: resource.name, props: resource.inputs, urn: `urn:${resource.name}` }, (message: string) =>
        reported.push(message),
    );
    return reported;
}

describe("policy pack", () => {
    it("wires every rule as a mandatory policy, once", () => {
        const names = PLATFORM_POLICIES.map((policy) => policy.name);
        assert.deepEqual(
            names,
            [...RESOURCE_RULES, ...STACK_RULES].map((rule) => rule.name),
        );
        assert.equal(new Set(names).size, names.length);
        for (const policy of PLATFORM_POLICIES) {
            assert.equal(policy.enforcementLevel, "mandatory", policy.name);
            assert.ok(policy.description.length > 20, policy.name);
        }
    });

    it("reports each resource rule's messages through reportViolation", () => {
        const broken = changed(deployment(), (inputs) => (firstContainer(inputs).securityContext.allowPrivilegeEscalation = true));
        for (const [index, rule] of RESOURCE_RULES.entries()) {
            assert.deepEqual(validate(PLATFORM_POLICIES[index], broken), rule.check(broken), rule.name);
        }
        const policy = PLATFORM_POLICIES.find((p) => p.name === "pods-no-privilege-escalation");
        assert.deepEqual(validate(policy, broken), ["spec.template.spec.containers[0] (web): securityContext.allowPrivilegeEscalation must be false"]);
    });

    it("reports stack violations against the offending resource's URN", () => {
        const policy: any = PLATFORM_POLICIES.find((p) => p.name === "pdb-for-replicated-deployments");
        const reported: [string, string | undefined][] = [];
        const replicated = deployment("api", 3);
        policy.validateStack(
            { resources: [{ type: replicated.type, name: "api", props: replicated.inputs, urn: "urn:pulumi:dev::platform::api" }] },
            (message: string, urn?: string) => reported.push([message, urn]),
        );
        assert.deepEqual(reported, [
            ["runs at least 3 replicas but no PodDisruptionBudget in its namespace selects its pods", "urn:pulumi:dev::platform::api"],
        ]);
    });

    describe("started as Pulumi starts it (run-policy-pack in the pack directory)", () => {
        // The same gRPC client and protocol types the Pulumi engine speaks to analyzers.
        const fromPolicy = createRequire(require.resolve("@pulumi/policy"));
        const grpc = fromPolicy("@grpc/grpc-js");
        const services = fromPolicy("@pulumi/pulumi/proto/analyzer_grpc_pb");
        const messages = fromPolicy("@pulumi/pulumi/proto/analyzer_pb");
        const { Empty } = fromPolicy("google-protobuf/google/protobuf/empty_pb");
        const { Struct } = fromPolicy("google-protobuf/google/protobuf/struct_pb");

        let pack: ChildProcess;
        let client: any;
        before(async () => {
            const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack");
            pack = spawn(process.execPath, [runner, "127.0.0.1:0", "."], { cwd: POLICY_DIR, stdio: ["ignore", "pipe", "pipe"] });
            const port = await firstLine(pack);
            client = new services.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        });
        after(() => {
            client?.close();
            pack?.kill();
        });

        const call = (method: string, request: unknown) =>
            new Promise<any>((resolve, reject) => client[method](request, (error: Error | null, response: any) => (error ? reject(error) : resolve(response))));

        it("announces the pack with every policy", async () => {
            const info = await call("getAnalyzerInfo", new Empty());
            assert.equal(info.getName(), "k8s-app-platform");
            assert.deepEqual(
                info.getPoliciesList().map((policy: any) => policy.getName()),
                PLATFORM_POLICIES.map((policy) => policy.name),
            );
        });

        it("reports a violation of a non-compliant resource", async () => {
            const latest = changed(deployment(), (inputs) => (firstContainer(inputs).image = "ghcr.io/acme/web:latest"));
            const request = new messages.AnalyzeRequest();
            request.setType(T.deployment);
            request.setName("web");
            request.setUrn("urn:pulumi:dev::platform::kubernetes:apps/v1:Deployment::web");
            request.setProperties(Struct.fromJavaScript(latest.inputs));
            request.setOptions(new messages.AnalyzerResourceOptions());
            const diagnostics = (await call("analyze", request)).getDiagnosticsList();
            assert.deepEqual(
                diagnostics.map((d: any) => [d.getPolicyname(), d.getMessage().split("\n")[0]]),
                [["pods-pinned-images", "Every container image is pinned by a version tag or digest (no 'latest', no untagged reference)."]],
            );
            assert.match(diagnostics[0].getMessage(), /image 'ghcr\.io\/acme\/web:latest' uses the 'latest' tag/);
        });
    });
});

/** The first line the process prints: the analyzer's port. */
function firstLine(child: ChildProcess): Promise<string> {
    return new Promise((resolve, reject) => {
        let output = "";
        let errors = "";
        child.stdout!.on("data", (chunk: Buffer) => {
            output += chunk.toString();
            if (output.includes("\n")) {
                resolve(output.split("\n")[0].trim());
            }
        });
        child.stderr!.on("data", (chunk: Buffer) => (errors += chunk.toString()));
        child.on("exit", (code) => reject(new Error(`the policy pack exited with ${code} before serving: ${errors}`)));
    });
}
