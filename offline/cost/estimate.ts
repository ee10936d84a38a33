// The monthly cost of a plan (pure), itemised from its resources and the committed price
// table (prices.json: region, date and source of every price). What the table has no price
// for in the stack's region, or what depends on usage (traffic, log volume), is listed as
// unknown, never counted as zero. kind and existing clusters cost nothing the plan creates.
import type { PlanResource } from "../plan/planResource";
import PRICES from "./prices.json";

export interface CostItem {
    item: string;
    /** The planned resource it comes from (`type::name`). */
    resource: string;
    quantity: number;
    unit: string;
    /** Monthly cost at the planned size; null when unknown. */
    monthlyUsd: number | null;
    /** Monthly cost at the most the resource may grow to (node groups at maxSize, NodePool limits), when that differs. */
    ceilingUsd?: number | null;
    note?: string;
}

export interface CostReport {
    currency: "USD";
    region: string | null;
    items: CostItem[];
    /** Sum of the known items at their planned size. */
    monthlyUsd: number;
    /** Sum at the ceiling (known items only). */
    ceilingUsd: number;
    /** Items whose cost is unknown, by item name. */
    unknown: string[];
    /** Why the estimate is what it is (e.g. kind costs nothing). */
    summary: string;
}

const HOURS = PRICES.hoursPerMonth;
const key = (resource: PlanResource) => `${resource.type}::${resource.name}`;

/** A listed price for this region (or any region), else undefined. */
function price(item: string, region: string | null): number | undefined {
    return PRICES.prices.find((entry) => entry.item === item && (entry.region === "*" || entry.region === region))?.usd;
}

function ec2Hourly(instanceType: string, region: string | null): number | undefined {
    return region === PRICES.ec2OnDemand.region ? (PRICES.ec2OnDemand.usdPerHour as Record<string, number>)[instanceType] : undefined;
}

const monthly = (hourly: number | undefined, quantity: number) => (hourly === undefined ? null : round(hourly * HOURS * quantity));
const round = (usd: number) => Math.round(usd * 100) / 100;

type Estimator = (resource: PlanResource, region: string | null, all: readonly PlanResource[]) => CostItem[];

const ESTIMATORS: Record<string, Estimator> = {
    "eks:index:Cluster": (resource, region) => [
        {
            item: "EKS control plane",
            resource: key(resource),
            quantity: 1,
            unit: "cluster",
            monthlyUsd: monthly(price("eks-control-plane", region), 1),
            note: "standard support; a version in extended support costs $0.60 an hour",
        },
    ],
    "awsx:ec2:Vpc": (resource, region) => {
        const inputs = resource.inputs as { numberOfAvailabilityZones?: number; natGateways?: { strategy?: string } };
        const strategy = inputs.natGateways?.strategy ?? "OnePerAz";
        const gateways = strategy === "None" ? 0 : strategy === "Single" ? 1 : (inputs.numberOfAvailabilityZones ?? 3);
        if (gateways === 0) {
            return [];
        }
        const at = key(resource);
        return [
            { item: "NAT gateways", resource: at, quantity: gateways, unit: "gateway", monthlyUsd: monthly(price("nat-gateway", region), gateways) },
            {
                item: "NAT gateways' public IPv4 addresses",
                resource: at,
                quantity: gateways,
                unit: "address",
                monthlyUsd: monthly(price("public-ipv4", region), gateways),
            },
            { item: "NAT data processing", resource: at, quantity: gateways, unit: "GB", monthlyUsd: null, note: "per GB of traffic through the gateways" },
        ];
    },
    "aws:eks/nodeGroup:NodeGroup": (resource, region, all) => {
        const inputs = resource.inputs as {
            instanceTypes?: string[];
            capacityType?: string;
            scalingConfig?: { desiredSize?: number; maxSize?: number };
            launchTemplate?: { id?: string };
        };
        const desired = inputs.scalingConfig?.desiredSize ?? 0;
        const max = inputs.scalingConfig?.maxSize ?? desired;
        const type = inputs.instanceTypes?.[0] ?? "unknown";
        const hourly = ec2Hourly(type, region);
        const spot = inputs.capacityType === "SPOT";
        const disk = launchTemplateDisk(all, inputs.launchTemplate?.id);
        const at = key(resource);
        return [
            {
                item: `node group ${resource.name} (${type}${spot ? ", spot" : ""})`,
                resource: at,
                quantity: desired,
                unit: "instance",
                monthlyUsd: spot ? null : monthly(hourly, desired),
                ceilingUsd: monthly(hourly, max),
                note: spot
                    ? "spot prices vary; the ceiling is the on-demand price"
                    : `first instance type at desiredSize ${desired}; ceiling at maxSize ${max}`,
            },
            ...(disk
                ? [
                      {
                          item: `node group ${resource.name} root volumes (gp3)`,
                          resource: at,
                          quantity: desired * disk,
                          unit: "GiB",
                          monthlyUsd: gib(region, desired * disk),
                          ceilingUsd: gib(region, max * disk),
                      },
                  ]
                : []),
        ];
    },
    "kubernetes:karpenter.sh/v1:NodePool": (resource, region) => {
        const inputs = resource.inputs as {
            spec?: { limits?: { cpu?: string | number }; template?: { spec?: { requirements?: { key: string; values?: string[] }[] } } };
        };
        const cpu = Number(inputs.spec?.limits?.cpu);
        const families = inputs.spec?.template?.spec?.requirements?.find((r) => r.key === "karpenter.k8s.aws/instance-family")?.values ?? [];
        const perVcpu = maxPricePerVcpu(families, region);
        return [
            {
                item: `Karpenter NodePool ${resource.name} (limit ${Number.isFinite(cpu) ? cpu : "?"} vCPU)`,
                resource: key(resource),
                quantity: Number.isFinite(cpu) ? cpu : 0,
                unit: "vCPU",
                monthlyUsd: 0,
                ceilingUsd: perVcpu === undefined || !Number.isFinite(cpu) ? null : monthly(perVcpu, cpu),
                note: "nodes appear only with demand; the ceiling is the CPU limit at the dearest allowed family's on-demand price per vCPU",
            },
        ];
    },
    "kubernetes:core/v1:PersistentVolumeClaim": (resource, region) => {
        const size = bytesToGib((resource.inputs as { spec?: { resources?: { requests?: { storage?: string } } } }).spec?.resources?.requests?.storage);
        return size === undefined
            ? []
            : [{ item: `volume ${resource.name} (gp3)`, resource: key(resource), quantity: size, unit: "GiB", monthlyUsd: gib(region, size) }];
    },
    "kubernetes:helm.sh/v3:Release": (resource, region) =>
        volumeClaimTemplates(resource.inputs.values).map((size, index) => ({
            item: `volume ${index + 1} of release ${resource.name} (gp3)`,
            resource: key(resource),
            quantity: size,
            unit: "GiB",
            monthlyUsd: gib(region, size),
            note: "from a volumeClaimTemplate in its values, one replica",
        })),
    "kubernetes:core/v1:Service": (resource, region) =>
        (resource.inputs as { spec?: { type?: string } }).spec?.type === "LoadBalancer"
            ? [loadBalancer(resource, "Service", region, "capacity units are usage")]
            : [],
    "aws:kms/key:Key": (resource, region) => [
        { item: `KMS key ${resource.name}`, resource: key(resource), quantity: 1, unit: "key", monthlyUsd: price("kms-key", region) ?? null },
    ],
    "aws:cloudwatch/logGroup:LogGroup": (resource) => [
        {
            item: `log group ${String(resource.inputs.name ?? resource.name)}`,
            resource: key(resource),
            quantity: 0,
            unit: "GB",
            monthlyUsd: null,
            note: "ingestion and storage depend on the log volume",
        },
    ],
    "aws:s3/bucket:Bucket": bucket,
    "aws:s3/bucketV2:BucketV2": bucket,
};

/** An AWS load balancer the Load Balancer Controller creates for an Envoy proxy Service (EnvoyProxy envoyService type LoadBalancer). */
function envoyProxyLoadBalancers(resource: PlanResource, region: string | null): CostItem[] {
    const service = (resource.inputs as { spec?: { provider?: { kubernetes?: { envoyService?: { type?: string } } } } }).spec?.provider?.kubernetes
        ?.envoyService;
    return service?.type === "LoadBalancer" ? [loadBalancer(resource, "EnvoyProxy", region, "one per Gateway using it; capacity units are usage")] : [];
}

/** The NLB an object of this kind makes the Load Balancer Controller create: its hours, not its capacity units. */
function loadBalancer(resource: PlanResource, kind: string, region: string | null, note: string): CostItem {
    return {
        item: `load balancer of ${kind} ${resource.name} (NLB)`,
        resource: key(resource),
        quantity: 1,
        unit: "load balancer",
        monthlyUsd: monthly(price("nlb", region), 1),
        note,
    };
}

/** A bucket's cost is what is written to it, which the plan cannot know. */
function bucket(resource: PlanResource): CostItem[] {
    return [
        { item: `S3 bucket ${resource.name}`, resource: key(resource), quantity: 0, unit: "GB", monthlyUsd: null, note: "storage depends on what is written" },
    ];
}

function gib(region: string | null, size: number): number | null {
    const perGib = price("ebs-gp3", region);
    return perGib === undefined ? null : round(perGib * size);
}

function launchTemplateDisk(all: readonly PlanResource[], id: string | undefined): number | undefined {
    const template = all.find((resource) => resource.type === "aws:ec2/launchTemplate:LaunchTemplate" && `${resource.name}-id` === id);
    const size = (template?.inputs as { blockDeviceMappings?: { ebs?: { volumeSize?: number } }[] } | undefined)?.blockDeviceMappings?.[0]?.ebs?.volumeSize;
    return typeof size === "number" ? size : undefined;
}

/** vCPUs of an instance size by AWS's naming (medium 1, large 2, xlarge 4, Nxlarge 4N); t-family mediums have 2. */
export function vcpusOf(instanceType: string): number | undefined {
    const [family, size] = instanceType.split(".");
    if (size === "medium") {
        return family.startsWith("t") ? 2 : 1;
    }
    if (size === "large") {
        return 2;
    }
    const xlarge = /^(\d*)xlarge$/.exec(size ?? "");
    return xlarge ? 4 * Number(xlarge[1] || 1) : undefined;
}

function maxPricePerVcpu(families: readonly string[], region: string | null): number | undefined {
    if (region !== PRICES.ec2OnDemand.region || families.length === 0) {
        return undefined;
    }
    const perVcpu = Object.entries(PRICES.ec2OnDemand.usdPerHour as Record<string, number>)
        .filter(([type]) => families.includes(type.split(".")[0]))
        .map(([type, usd]) => usd / (vcpusOf(type) ?? NaN))
        .filter(Number.isFinite);
    return perVcpu.length === 0 ? undefined : Math.max(...perVcpu);
}

/** Sizes (GiB) of every volumeClaimTemplate in a chart's values, e.g. Prometheus' storageSpec. */
function volumeClaimTemplates(values: unknown): number[] {
    if (values === null || typeof values !== "object") {
        return [];
    }
    const own = (values as Record<string, unknown>).volumeClaimTemplate as { spec?: { resources?: { requests?: { storage?: string } } } } | undefined;
    const size = bytesToGib(own?.spec?.resources?.requests?.storage);
    return [...(size === undefined ? [] : [size]), ...Object.values(values).flatMap(volumeClaimTemplates)];
}

const UNITS: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };

function bytesToGib(quantity: string | undefined): number | undefined {
    const match = /^(\d+(?:\.\d+)?)([KMGT]i?|k)?$/.exec(quantity ?? "");
    return match ? (Number(match[1]) * (UNITS[match[2] ?? ""] ?? 1)) / 2 ** 30 : undefined;
}

export function estimateCost(resources: readonly PlanResource[], region: string | null): CostReport {
    const onAws = resources.some((resource) => /^(aws|awsx|eks):/.test(resource.type));
    if (!onAws) {
        return {
            currency: "USD",
            region,
            items: [],
            monthlyUsd: 0,
            ceilingUsd: 0,
            unknown: [],
            summary: "$0 a month: the cluster is local (kind) or someone else's; the plan creates nothing that is billed",
        };
    }
    const items = resources.flatMap((resource) => [
        ...(ESTIMATORS[resource.type]?.(resource, region, resources) ?? []),
        ...(resource.type === "kubernetes:gateway.envoyproxy.io/v1alpha1:EnvoyProxy" ? envoyProxyLoadBalancers(resource, region) : []),
    ]);
    const sum = (values: (number | null | undefined)[]) => round(values.reduce<number>((total, value) => total + (value ?? 0), 0));
    const monthlyUsd = sum(items.map((item) => item.monthlyUsd));
    const ceilingUsd = sum(items.map((item) => (item.ceilingUsd !== undefined ? item.ceilingUsd : item.monthlyUsd)));
    const unknown = items.filter((item) => item.monthlyUsd === null || item.ceilingUsd === null).map((item) => item.item);
    return {
        currency: "USD",
        region,
        items,
        monthlyUsd,
        ceilingUsd,
        unknown,
        summary: `$${monthlyUsd.toFixed(2)} a month as planned, up to $${ceilingUsd.toFixed(2)} at the node groups' maximum and NodePool limits${unknown.length > 0 ? `, plus ${unknown.length} item(s) of unknown cost (usage, or no price for ${region ?? "an unknown region"} in offline/cost/prices.json)` : ""}`,
    };
}
