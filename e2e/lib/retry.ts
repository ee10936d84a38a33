// Waiting for a cluster to converge, with a bounded deadline (pure: the clock and the sleep
// are given, so tests run it instantly).

export interface Check<T> {
    /** Done, with a value; or not yet, with the reason to report if the deadline passes. */
    (): Promise<{ done: true; value: T } | { done: false; reason: string }>;
}

export interface Patience {
    /** How long to keep trying, in milliseconds. */
    deadlineMs: number;
    /** The pause between tries. */
    intervalMs: number;
    now?: () => number;
    sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retries `check` until it is done or the deadline passes; then fails with what it last saw. */
export async function until<T>(what: string, check: Check<T>, patience: Patience): Promise<T> {
    const now = patience.now ?? Date.now;
    const sleep = patience.sleep ?? realSleep;
    const deadline = now() + patience.deadlineMs;
    let tries = 0;
    for (;;) {
        tries++;
        let reason: string;
        try {
            const result = await check();
            if (result.done) {
                return result.value;
            }
            reason = result.reason;
        } catch (error) {
            reason = `${(error as Error).message ?? String(error)}`;
        }
        if (now() + patience.intervalMs > deadline) {
            throw new Error(`${what}: not done after ${tries} tries in ${Math.round(patience.deadlineMs / 1000)} s; last: ${reason}`);
        }
        await sleep(patience.intervalMs);
    }
}
