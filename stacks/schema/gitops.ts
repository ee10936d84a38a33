// Schema of the GitOps section: Flux controllers and the Git source they reconcile.
import { z } from "zod";

export const gitops = z.strictObject({
    enabled: z.boolean().default(false),
});

export type GitopsConfig = z.output<typeof gitops>;
