// Schema of the monitoring section: metrics-server and kube-prometheus-stack.
import { z } from "zod";

export const monitoring = z.strictObject({
    enabled: z.boolean().default(true),
});

export type MonitoringConfig = z.output<typeof monitoring>;
