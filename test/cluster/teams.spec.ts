// The existing cluster with teams plan on a real API server (test/cluster/lib/planSuite.ts):
// team quotas, limits and access as the API server admits them, pods under the quota.
import { describePlanOnServer } from "./lib/planSuite";
import { variantNamed } from "./lib/variants";

describePlanOnServer(variantNamed("existing cluster with teams"));
