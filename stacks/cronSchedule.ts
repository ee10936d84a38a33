// CronJob schedules as the Kubernetes controller accepts them: five fields (minute,
// hour, day of month, month, day of week) or a macro such as @hourly. cron-parser
// checks each field's ranges; the Quartz extensions it also accepts (L, W, #) and a
// seconds field are rejected here because Kubernetes rejects them.
import { CronExpressionParser } from "cron-parser";

const MACROS = new Set(["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]);
const QUARTZ_ONLY = /#|(^|[^A-Z])L(?![A-Z])|\dW/i;

/** Why a schedule is not a valid Kubernetes CronJob schedule, or undefined when it is. */
export function cronScheduleProblem(schedule: string): string | undefined {
    const text = schedule.trim();
    if (MACROS.has(text)) {
        return undefined;
    }
    const fields = text.split(/\s+/);
    if (fields.length !== 5) {
        return `'${schedule}' has ${fields.length} field(s); a schedule needs 5 (minute hour day-of-month month day-of-week), e.g. '*/5 * * * *'`;
    }
    if (QUARTZ_ONLY.test(text)) {
        return `'${schedule}' uses L, W or #, which Kubernetes does not support`;
    }
    try {
        CronExpressionParser.parse(text);
        return undefined;
    } catch (error) {
        return `'${schedule}' is not a valid cron expression (${(error as Error).message})`;
    }
}
