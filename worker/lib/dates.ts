// Dates and wall-clock time, in one place for every feature and page.
//
// Calendar dates are YYYY-MM-DD strings, computed in UTC so no time zone can move a day; integer day
// numbers (days since 1970-01-01) keep ten-year loops cheap: no Date objects per day.
//
// Wall-clock time in an IANA zone ↔ instants, with DST handled by asking Intl for the zone's offset
// at the instant in question (never by adding fixed hours). Used by analytics' "today", SMS quiet
// hours, reminders, automations and the calendar alike, so every subsystem agrees on what "9 pm in
// Denver" is.

/** The characters of an IANA zone name ("America/Port-au-Prince", "Etc/GMT+5") or an offset zone: Intl still decides. */
export const ZONE_NAME = /^[A-Za-z0-9_+:/-]{1,64}$/;

/** Days since 1970-01-01 of a YYYY-MM-DD string. */
export const toEpochDay = (ymd: string): number => {
  // Plain YYYY-MM-DD by integer arithmetic (the N=1 engine converts ~10^5 days a pass); anything else as before.
  const y = digits(ymd, 0, 4);
  const m = digits(ymd, 5, 2);
  const d = digits(ymd, 8, 2);
  if (y < 100 || m < 1 || m > 12 || d < 1 || d > 31 || ymd.charCodeAt(4) !== 45 || ymd.charCodeAt(7) !== 45)
    return Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)) - 1, Number(ymd.slice(8, 10))) / 86_400_000;
  // Days from civil (the inverse of fromEpochDay below).
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
};

/** The `n` decimal digits of `s` at `at` as a number, −1 if any is not a digit. */
function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    v = v * 10 + c;
  }
  return v;
}

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

/** Adds whole days (negative: subtracts) to a YYYY-MM-DD date. */
export const addDays = (ymd: string, n: number): string => fromEpochDay(toEpochDay(ymd) + n);

/** Whole days from a to b (b − a). */
export const daysBetween = (a: string, b: string): number => toEpochDay(b) - toEpochDay(a);

/** The Monday of the week containing `ymd` (weeks run Monday–Sunday; day 0 was a Thursday). */
export const mondayOf = (ymd: string): string => {
  const day = toEpochDay(ymd);
  return fromEpochDay(day - ((day + 3) % 7));
};

/** Inclusive range check; string comparison is correct for zero-padded ISO dates. */
export const inRange = (ymd: string, from: string, to: string): boolean => ymd >= from && ymd <= to;

// Building an Intl formatter costs far more than using one: one cache, one formatter per zone and
// kind for the isolate's life. An unknown zone is remembered as null.
const FORMATS = {
  /** en-CA formats a date as YYYY-MM-DD. */
  date: { locale: 'en-CA', options: { year: 'numeric', month: '2-digit', day: '2-digit' } },
  parts: {
    locale: 'en-US',
    options: { hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' },
  },
  abbreviation: { locale: 'en-US', options: { timeZoneName: 'short' } },
} satisfies Record<string, { locale: string; options: Intl.DateTimeFormatOptions }>;

/**
 * Answers kept per isolate: the formatters, and the zone conversions a read repeats (its range's midnights, its
 * activities' days) — Intl's formatting costs workerd 5–150 µs a call, and a calendar read made about a hundred,
 * the same ones read after read. Exact: a zone's rules do not change while an isolate runs. Emptied when full.
 */
const MEMO_LIMIT = 8_192;
function memo<T>(store: Map<string, T>, key: string, compute: () => T): T {
  const hit = store.get(key);
  if (hit !== undefined) return hit;
  const value = compute();
  if (store.size >= MEMO_LIMIT) store.clear();
  store.set(key, value);
  return value;
}
const formatters = new Map<string, Intl.DateTimeFormat | null>();
const localDates = new Map<string, string>();
const zonedInstants = new Map<string, number>();

/** The cached formatter of a zone, or null for a zone Intl does not know. */
function cachedFormatter(kind: keyof typeof FORMATS, timeZone: string): Intl.DateTimeFormat | null {
  return memo(formatters, `${kind}|${timeZone}`, () => {
    try {
      return new Intl.DateTimeFormat(FORMATS[kind].locale, { ...FORMATS[kind].options, timeZone });
    } catch {
      return null;
    }
  });
}

/** Like cachedFormatter, but an unknown zone throws Intl's own RangeError. */
function formatter(kind: keyof typeof FORMATS, timeZone: string): Intl.DateTimeFormat {
  return cachedFormatter(kind, timeZone) ?? new Intl.DateTimeFormat(FORMATS[kind].locale, { ...FORMATS[kind].options, timeZone });
}

/** The local calendar date of an instant in an IANA time zone (UTC for an unknown zone): one cached formatter call. */
export function localDateOf(instant: Date, timeZone: string): string {
  const f = cachedFormatter('date', timeZone);
  if (!f) return instant.toISOString().slice(0, 10);
  const ms = instant.getTime();
  // An invalid date is Intl's RangeError, as before, and is never kept.
  return Number.isNaN(ms) ? f.format(instant) : memo(localDates, `${timeZone}|${ms}`, () => f.format(instant));
}

/** Today's date in an IANA time zone (UTC for an unknown zone). */
export const todayIn = (timeZone: string, now: Date): string => localDateOf(now, timeZone);

export interface LocalParts {
  /** YYYY-MM-DD in the zone. */
  date: string;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday, of the local date. */
  weekday: number;
}

/** The local calendar date and clock time of an instant in a zone. */
export function localParts(instant: Date, timeZone: string): LocalParts {
  const p: Record<string, string> = {};
  for (const part of formatter('parts', timeZone).formatToParts(instant)) p[part.type] = part.value;
  const date = `${p.year}-${p.month}-${p.day}`;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return { date, hour: Number(p.hour) % 24, minute: Number(p.minute), second: Number(p.second), weekday };
}

/** Minutes the zone is ahead of UTC at this instant (Denver in winter: −420). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const l = localParts(instant, timeZone);
  const asUtc = Date.UTC(
    Number(l.date.slice(0, 4)),
    Number(l.date.slice(5, 7)) - 1,
    Number(l.date.slice(8, 10)),
    l.hour,
    l.minute,
    l.second,
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant at which the zone's clocks show `date` `time` (HH:MM or HH:MM:SS).
 * A time skipped by a spring-forward gap resolves to the same clock reading after the jump
 * (02:30 on the change day → 03:30); an ambiguous fall-back time resolves to its first occurrence.
 */
export function zonedToUtc(date: string, time: string, timeZone: string): Date {
  // An unknown zone throws (Intl's RangeError) before anything is kept.
  return new Date(memo(zonedInstants, `${timeZone}|${date}|${time}`, () => zonedInstant(date, time, timeZone)));
}

function zonedInstant(date: string, time: string, timeZone: string): number {
  const [h = 0, m = 0, s = 0] = time.split(':').map(Number);
  const naive = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), h, m, s);
  // Try the offsets in force a day either side: one of them is right unless the time is in a gap.
  const candidates = [offsetMinutes(new Date(naive - 86_400_000), timeZone), offsetMinutes(new Date(naive + 86_400_000), timeZone)];
  const hits = candidates
    .map((off) => naive - off * 60_000)
    .filter((t) => {
      const l = localParts(new Date(t), timeZone);
      return l.date === date && l.hour === h && l.minute === m;
    })
    .sort((a, b) => a - b);
  if (hits[0] !== undefined) return hits[0];
  // In a gap: read the clock with the offset from before the jump, which lands after it (02:30 → 03:30).
  return naive - candidates[0]! * 60_000;
}

/** [start, end) of a local calendar day as instants (23 or 25 hours long on DST change days). */
export function localDayRange(date: string, timeZone: string): { start: Date; end: Date } {
  return { start: zonedToUtc(date, '00:00', timeZone), end: zonedToUtc(addDays(date, 1), '00:00', timeZone) };
}

/** The zone's short name at that instant as people read it: MST / MDT, GMT / BST (or GMT+x where no name exists). */
export function zoneAbbreviation(instant: Date, timeZone: string): string {
  return (
    formatter('abbreviation', timeZone)
      .formatToParts(instant)
      .find((p) => p.type === 'timeZoneName')?.value ?? timeZone
  );
}

/** "HH:MM" (or "HH:MM:SS") → minutes after local midnight. */
export const minutesOfDay = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Whether a local clock time lies in a daily window [start, end) that may cross midnight
 * (21:00–08:00 holds 23:30 and 07:59, not 08:00). An empty window (start = end) holds nothing.
 */
export function inDailyWindow(minute: number, start: number, end: number): boolean {
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}
