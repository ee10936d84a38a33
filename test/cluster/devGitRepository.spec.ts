// The dev with a public Git repository plan on a real API server (test/cluster/lib/planSuite.ts).
import { describePlanOnServer } from "./lib/planSuite";
import { variantNamed } from "./lib/variants";

describePlanOnServer(variantNamed("dev with a public Git repository"));
