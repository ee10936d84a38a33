// The charts the Karpenter add-on installs, pinned. Both come from the same release of
// aws/karpenter-provider-aws (tag v1.14.1): its Chart.yaml still reads 1.13.0 at the tag, the
// release script sets the published version and image (hack/release/common.sh:80-82,100-114),
// so the OCI chart is 1.14.1 and its default image is the 1.14.1 controller.
import type { PinnedChart } from "../../helmRelease";

/** The CRDs (NodePool, NodeClaim, EC2NodeClass, NodeOverlay), upgraded with the chart: upgrade-guide.md:69-79 recommends it. */
export const KARPENTER_CRD_CHART: PinnedChart = { chart: "karpenter-crd", version: "1.14.1", repo: "oci://public.ecr.aws/karpenter" };

/** The controller, installed with its own crds/ skipped (the CRD chart owns them). */
export const KARPENTER_CHART: PinnedChart = { chart: "karpenter", version: "1.14.1", repo: "oci://public.ecr.aws/karpenter" };
