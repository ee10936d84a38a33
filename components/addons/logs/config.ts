// Schema of the logs section: Loki (single binary) and the Alloy DaemonSet that ships every
// pod's log lines to it, with a retention that Loki's compactor (and, on EKS, the bucket's
// lifecycle rule) enforces.
import * as v from "valibot";

import { intIn, object, withDefault } from "../../../stacks/schema/base";
import { storageQuantity } from "../../../stacks/schema/primitives";
import { resources } from "../../../stacks/schema/workloads";

export const logs = object({
    /** Install Loki and Alloy; Grafana gets Loki as a data source. */
    enabled: withDefault(v.boolean(), true),
    /** Days of logs kept (Loki's compactor deletes older chunks; on EKS the bucket expires them a day later). */
    retentionDays: withDefault(intIn(1, 3650, "must be 1-3650 days"), 7),
    /** Loki's volume: the whole log store on kind, the write-ahead log and caches on EKS (chunks go to S3). */
    storageSize: withDefault(storageQuantity, "10Gi"),
    /** Loki's requests and limits; unset, sized for the cluster type. */
    lokiResources: v.optional(resources),
});

export type LogsConfig = v.InferOutput<typeof logs>;
