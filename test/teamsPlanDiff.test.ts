// Adding or removing a team touches that team's resources only: every child is named after
// its team, namespace or member, never by position, so the plan diff replaces nothing of
// another team or of any add-on, and changes only the admission policies' namespace lists (terraform-aws-eks-blueprints #1354: "adding a team replaces all addons").
import * as assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PlanDiff } from "../offline/plan/diff";
import { runPlan } from "../offline/plan/runPlan";
import { PROJECT_ROOT } from "./harness/evaluateStack";

const BACKEND = { name: "backend", namespaces: ["apps"], members: ["arn:aws:iam::123456789012:role/backend-devs"] };
const OPS = { name: "ops", namespaces: ["ops-tools"], access: "view", members: ["arn:aws:iam::123456789012:role/ops"] };
const DATA = { name: "data", namespaces: ["data", "data-batch"], members: ["arn:aws:iam::123456789012:role/data-devs"] };

/** Whether a resource key (`type::name`) belongs to the data team. */
const isData = (key: string) => /::(data|data-batch)(-.+)?$/.test(key) || key.endsWith("::team-data-role-data-devs");

describe("plan diff of adding and removing a team", () => {
    let dir: string;
    before(() => (dir = mkdtempSync(join(tmpdir(), "teams-diff-"))));
    after(() => rmSync(dir, { recursive: true, force: true }));

    const plan = (stack: string, out: string, teams: unknown[], against?: string) =>
        runPlan({ projectRoot: PROJECT_ROOT, stack, outDir: join(dir, out), ...(against ? { against: join(dir, against) } : {}), extraConfig: { "platform:teams": JSON.stringify(teams) } });

    const assertOnlyDataTeam = (stack: string, diff: PlanDiff, side: "added" | "removed") => {
        assert.deepEqual(diff.changed.filter((change) => change.replaced), [], "nothing is replaced");
        // The one in-place change: the admission policies list the new namespace among those their
        // conventions exempt (components/addons/admissionPolicy/policies.ts policyScope).
        const inPlace = diff.changed.filter((change) => !change.paths.every((path) => path.startsWith("spec.matchConstraints.namespaceSelector.")));
        assert.deepEqual(inPlace, [], "no other resource changes");
        assert.deepEqual(diff[side === "added" ? "removed" : "added"], []);
        const touched = diff[side];
        for (const expected of ["kubernetes:core/v1:Namespace::data-batch", "kubernetes:core/v1:ResourceQuota::data-quota", "kubernetes:networking.k8s.io/v1:NetworkPolicy::data-batch-default-deny"]) {
            assert.ok(touched.includes(expected), `${expected} is ${side}`);
        }
        if (stack === "prod") {
            assert.ok(touched.includes("aws:eks/accessEntry:AccessEntry::team-data-role-data-devs"));
        }
        assert.deepEqual(touched.filter((key) => !isData(key)), [], `only the data team's resources are ${side}`);
    };

    for (const stack of ["prod", "dev"]) {
        it(`${stack}: adding a team adds its resources and replaces nothing; removing it removes them only`, async () => {
            await plan(stack, `${stack}-two`, [BACKEND, OPS]);
            const added = await plan(stack, `${stack}-three`, [BACKEND, OPS, DATA], `${stack}-two`);
            assertOnlyDataTeam(stack, added.diff!, "added");
            const removed = await plan(stack, `${stack}-removed`, [BACKEND, OPS], `${stack}-three`);
            assertOnlyDataTeam(stack, removed.diff!, "removed");
            const reordered = await plan(stack, `${stack}-reordered`, [DATA, OPS, BACKEND], `${stack}-three`);
            assert.deepEqual([reordered.diff!.added, reordered.diff!.removed, reordered.diff!.changed], [[], [], []], "reordering the teams changes nothing");
        });
    }
});
