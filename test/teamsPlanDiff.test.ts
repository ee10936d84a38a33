// Adding or removing a team touches that team's resources only: every child is named after
// its team, namespace or member, never by position, so the plan diff replaces and changes
// nothing of another team or of any add-on (terraform-aws-eks-blueprints #1354: "adding a
// team replaces all addons"). The admission policies judge a team namespace by its label,
// so their namespace lists stay as they are too.
import * as assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { PlanDiff } from "../offline/plan/diff";
import { runPlan } from "../offline/plan/runPlan";
import { readStackFile } from "../offline/stackFile";
import { PROJECT_ROOT } from "./harness/evaluateStack";

/** The stack's own teams, each with a member on EKS so their access entries are in the diff too. */
const stackTeams = (stack: string) =>
    (JSON.parse(readStackFile(PROJECT_ROOT, stack).config["platform:teams"]) as { name: string }[]).map((team) => ({
        ...team,
        ...(stack === "prod" ? { members: [`arn:aws:iam::123456789012:role/${team.name}-devs`] } : {}),
    }));
const OPS = { name: "ops", namespaces: ["ops-tools"], access: "view", members: ["arn:aws:iam::123456789012:role/ops"] };
const REPORTS = { name: "reports", namespaces: ["reports", "reports-batch"], members: ["arn:aws:iam::123456789012:role/reports-devs"] };

/** Whether a resource key (`type::name`) belongs to the reports team. */
const isReports = (key: string) => /::(reports|reports-batch)(-.+)?$/.test(key) || key.endsWith("::team-reports-role-reports-devs");

describe("plan diff of adding and removing a team", () => {
    let dir: string;
    before(() => (dir = mkdtempSync(join(tmpdir(), "teams-diff-"))));
    after(() => rmSync(dir, { recursive: true, force: true }));

    const plan = (stack: string, out: string, teams: unknown[], against?: string) =>
        runPlan({
            projectRoot: PROJECT_ROOT,
            stack,
            outDir: join(dir, out),
            ...(against ? { against: join(dir, against) } : {}),
            extraConfig: { "platform:teams": JSON.stringify(teams) },
        });

    const assertOnlyReportsTeam = (stack: string, diff: PlanDiff, side: "added" | "removed") => {
        // Not even the admission policies change: they select the new namespace by its label, not by a list. The one
        // change in place: prod's backup schedule lists the team's namespaces among those it backs up.
        assert.deepEqual(
            diff.changed.filter((change) => change.replaced),
            [],
            "nothing is replaced",
        );
        const others = diff.changed.filter(
            (change) =>
                !(
                    change.key === "kubernetes:velero.io/v1:Schedule::backups-schedule" &&
                    change.paths.every((path) => path.startsWith("spec.template.includedNamespaces"))
                ),
        );
        assert.deepEqual(others, [], "nothing of another team or of any add-on changes");
        assert.deepEqual(diff[side === "added" ? "removed" : "added"], []);
        const touched = diff[side];
        for (const expected of [
            "kubernetes:core/v1:Namespace::reports-batch",
            "kubernetes:core/v1:ResourceQuota::reports-quota",
            "kubernetes:networking.k8s.io/v1:NetworkPolicy::reports-batch-default-deny",
        ]) {
            assert.ok(touched.includes(expected), `${expected} is ${side}`);
        }
        if (stack === "prod") {
            assert.ok(touched.includes("aws:eks/accessEntry:AccessEntry::team-reports-role-reports-devs"));
        }
        assert.deepEqual(
            touched.filter((key) => !isReports(key)),
            [],
            `only the reports team's resources are ${side}`,
        );
    };

    for (const stack of ["prod", "dev"]) {
        it(`${stack}: adding a team adds its resources and changes nothing else; removing it removes them only`, async () => {
            const own = stackTeams(stack);
            await plan(stack, `${stack}-before`, [...own, OPS]);
            const added = await plan(stack, `${stack}-added`, [...own, OPS, REPORTS], `${stack}-before`);
            assertOnlyReportsTeam(stack, added.diff!, "added");
            const removed = await plan(stack, `${stack}-removed`, [...own, OPS], `${stack}-added`);
            assertOnlyReportsTeam(stack, removed.diff!, "removed");
            const reordered = await plan(stack, `${stack}-reordered`, [REPORTS, OPS, ...[...own].reverse()], `${stack}-added`);
            assert.deepEqual([reordered.diff!.added, reordered.diff!.removed, reordered.diff!.changed], [[], [], []], "reordering the teams changes nothing");
        });
    }
});
