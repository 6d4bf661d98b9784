// Calendar dates as YYYY-MM-DD strings, computed in UTC so no time zone can move a day.

const toDate = (ymd: string) => new Date(`${ymd}T00:00:00Z`);
const fmt = (d: Date) => d.toISOString().slice(0, 10);

export const addDays = (ymd: string, n: number): string => {
  const d = toDate(ymd);
  d.setUTCDate(d.getUTCDate() + n);
  return fmt(d);
};

/** Whole days from a to b (b − a). */
export const daysBetween = (a: string, b: string): number => Math.round((toDate(b).getTime() - toDate(a).getTime()) / 86_400_000);

/** The Monday of the week containing `ymd` (weeks run Monday–Sunday). */
export const mondayOf = (ymd: string): string => addDays(ymd, -((toDate(ymd).getUTCDay() + 6) % 7));

/** Today's date in an IANA time zone. */
export function todayIn(timeZone: string, now: Date): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return fmt(now);
  }
}

/** Inclusive range check; string comparison is correct for zero-padded ISO dates. */
export const inRange = (ymd: string, from: string, to: string): boolean => ymd >= from && ymd <= to;
