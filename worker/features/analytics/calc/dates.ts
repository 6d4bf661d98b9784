// Calendar dates as YYYY-MM-DD strings, computed in UTC so no time zone can move a day.

// Integer day numbers (days since 1970-01-01) keep ten-year loops cheap: no Date objects per day.

/** Days since 1970-01-01 of a YYYY-MM-DD string. */
export const toEpochDay = (ymd: string): number => Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)) - 1, Number(ymd.slice(8, 10))) / 86_400_000;

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** YYYY-MM-DD of a day number (the proleptic Gregorian civil-from-days conversion, integer arithmetic only). */
export function fromEpochDay(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

export const addDays = (ymd: string, n: number): string => fromEpochDay(toEpochDay(ymd) + n);

/** Whole days from a to b (b − a). */
export const daysBetween = (a: string, b: string): number => toEpochDay(b) - toEpochDay(a);

/** The Monday of the week containing `ymd` (weeks run Monday–Sunday; day 0 was a Thursday). */
export const mondayOf = (ymd: string): string => {
  const day = toEpochDay(ymd);
  return fromEpochDay(day - ((day + 3) % 7));
};

// Building an Intl formatter costs far more than using one; keep one per zone for the isolate's life.
const formatters = new Map<string, Intl.DateTimeFormat | null>();

/** Today's date in an IANA time zone (UTC for an unknown zone). */
export function todayIn(timeZone: string, now: Date): string {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      f = null;
    }
    formatters.set(timeZone, f);
  }
  return f ? f.format(now) : now.toISOString().slice(0, 10);
}

/** Inclusive range check; string comparison is correct for zero-padded ISO dates. */
export const inRange = (ymd: string, from: string, to: string): boolean => ymd >= from && ymd <= to;
