// The pure parts of a scaling test: reading what Prometheus and Kubernetes answer, the
// replica count a load must reach, and the verdict.

/** The value of a Prometheus instant query (GET /api/v1/query) that returns one series or a scalar; undefined when it returns none. */
export function instantValue(body: string): number | undefined {
    const response = JSON.parse(body) as { status?: string; error?: string; data?: { resultType?: string; result?: unknown } };
    if (response.status !== "success") {
        throw new Error(`Prometheus answered ${response.status ?? "without a status"}${response.error ? `: ${response.error}` : ""}`);
    }
    const { resultType, result } = response.data ?? {};
    if (resultType === "scalar") {
        return Number((result as [number, string])[1]);
    }
    if (resultType !== "vector") {
        throw new Error(`expected a vector or a scalar, got ${String(resultType)}`);
    }
    const series = result as { value: [number, string] }[];
    if (series.length > 1) {
        throw new Error(`the query returns ${series.length} series; KEDA needs one (sum it)`);
    }
    return series.length === 0 ? undefined : Number(series[0].value[1]);
}

export interface HpaStatus {
    current: number;
    desired: number;
    min: number;
    max: number;
}

/** What `kubectl get hpa <name> -o json` says about the replica count. */
export function hpaStatus(body: string): HpaStatus {
    const hpa = JSON.parse(body) as {
        kind?: string;
        spec?: { minReplicas?: number; maxReplicas?: number };
        status?: { currentReplicas?: number; desiredReplicas?: number };
    };
    if (hpa.kind !== "HorizontalPodAutoscaler") {
        throw new Error(`expected a HorizontalPodAutoscaler, got ${String(hpa.kind)}`);
    }
    return {
        current: hpa.status?.currentReplicas ?? 0,
        desired: hpa.status?.desiredReplicas ?? 0,
        min: hpa.spec?.minReplicas ?? 1,
        max: hpa.spec?.maxReplicas ?? 0,
    };
}

/**
 * The replicas a steady load must bring: the HPA keeps ceil(value / target) pods for an
 * AverageValue metric such as a KEDA prometheus trigger (kubernetes HPA algorithm,
 * desired = ceil(current * metric / target)), within min..max.
 */
export function expectedReplicas(load: { ratePerSecond: number; targetPerPod: number; min: number; max: number }): number {
    return Math.min(load.max, Math.max(load.min, Math.ceil(load.ratePerSecond / load.targetPerPod)));
}

export interface Sample {
    /** Seconds since the load started. */
    at: number;
    replicas: number;
    metric?: number;
}

export interface Verdict {
    passed: boolean;
    /** When the app first reached the expected count, in seconds since the load started. */
    reachedAt?: number;
    peakReplicas: number;
    peakMetric?: number;
    message: string;
}

export function verdict(samples: readonly Sample[], expected: number): Verdict {
    const reached = samples.find((sample) => sample.replicas >= expected);
    const peakReplicas = Math.max(0, ...samples.map((sample) => sample.replicas));
    const metrics = samples.flatMap((sample) => (sample.metric === undefined ? [] : [sample.metric]));
    const peakMetric = metrics.length > 0 ? Math.max(...metrics) : undefined;
    const metricText = peakMetric === undefined ? "" : `, metric peaked at ${peakMetric.toFixed(2)}`;
    return reached
        ? {
              passed: true,
              reachedAt: reached.at,
              peakReplicas,
              peakMetric,
              message: `reached ${expected} replicas after ${reached.at}s (peak ${peakReplicas}${metricText})`,
          }
        : {
              passed: false,
              peakReplicas,
              peakMetric,
              message: `never reached ${expected} replicas in ${samples.at(-1)?.at ?? 0}s (peak ${peakReplicas}${metricText})`,
          };
}
