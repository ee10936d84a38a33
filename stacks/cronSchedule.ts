// CronJob schedules as the Kubernetes controller accepts them (robfig/cron's standard
// parser): five fields (minute hour day-of-month month day-of-week) or a macro such as
// @hourly. Written out rather than taken from a cron library: the libraries on npm accept
// Quartz syntax and seconds fields that Kubernetes rejects, and the one that fit cost
// more start-up (about 10 ms with its date library) than this whole check.

const MACROS = new Set(["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]);
const QUARTZ_ONLY = /#|(^|[^A-Z])L(?![A-Z])|\dW/i;
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

interface Field {
    name: string;
    min: number;
    max: number;
    /** Names for values, from `min` on (months from 1, days from 0). */
    names?: string[];
}

const FIELDS: Field[] = [
    { name: "minute", min: 0, max: 59 },
    { name: "hour", min: 0, max: 23 },
    { name: "day of month", min: 1, max: 31 },
    { name: "month", min: 1, max: 12, names: MONTHS },
    { name: "day of week", min: 0, max: 6, names: DAYS },
];

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
    const problem = fields.map((field, index) => fieldProblem(field, FIELDS[index])).find((found) => found !== undefined);
    return problem ? `'${schedule}' is not a valid cron expression (${problem})` : undefined;
}

/** A field is a comma-separated list of `*`, `?`, a value or a range, each with an optional `/step`. */
function fieldProblem(text: string, field: Field): string | undefined {
    for (const part of text.split(",")) {
        const [range, step, ...extra] = part.split("/");
        if (extra.length > 0 || (step !== undefined && !/^[1-9]\d*$/.test(step))) {
            return `${field.name}: '${part}' has an invalid step`;
        }
        if (range === "*" || range === "?") {
            continue;
        }
        const bounds = range.split("-");
        const values = bounds.map((bound) => fieldValue(bound, field));
        if (bounds.length > 2 || values.some((value) => value === undefined)) {
            return `${field.name}: '${part}' is not a value in ${field.min}-${field.max}${field.names ? ` or ${field.names[0]}-${field.names[field.names.length - 1]}` : ""}`;
        }
        if (values.length === 2 && values[0]! > values[1]!) {
            return `${field.name}: the range '${range}' runs backwards`;
        }
    }
    return undefined;
}

function fieldValue(text: string, field: Field): number | undefined {
    const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
    if (named >= 0) {
        return named + field.min;
    }
    const value = /^\d+$/.test(text) ? Number(text) : NaN;
    return value >= field.min && value <= field.max ? value : undefined;
}
