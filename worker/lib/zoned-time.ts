// Wall-clock time in an IANA zone ↔ instants, with DST handled by asking Intl for the zone's offset
// at the instant in question (never by adding fixed hours). Used by SMS quiet hours, reminders,
// automations and the calendar alike, so every subsystem agrees on what "9 pm in Denver" is.

export interface LocalParts {
  /** YYYY-MM-DD in the zone. */
  date: string;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday, of the local date. */
  weekday: number;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormatters.set(timeZone, f);
  }
  return f;
}

/** The local calendar date and clock time of an instant in a zone. */
export function localParts(instant: Date, timeZone: string): LocalParts {
  const p: Record<string, string> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant)) p[part.type] = part.value;
  const date = `${p.year}-${p.month}-${p.day}`;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return { date, hour: Number(p.hour) % 24, minute: Number(p.minute), second: Number(p.second), weekday };
}

/** Minutes the zone is ahead of UTC at this instant (Denver in winter: −420). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const l = localParts(instant, timeZone);
  const asUtc = Date.UTC(Number(l.date.slice(0, 4)), Number(l.date.slice(5, 7)) - 1, Number(l.date.slice(8, 10)), l.hour, l.minute, l.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant at which the zone's clocks show `date` `time` (HH:MM or HH:MM:SS).
 * A time skipped by a spring-forward gap resolves to the same clock reading after the jump
 * (02:30 on the change day → 03:30); an ambiguous fall-back time resolves to its first occurrence.
 */
export function zonedToUtc(date: string, time: string, timeZone: string): Date {
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
  if (hits[0] !== undefined) return new Date(hits[0]);
  // In a gap: read the clock with the offset from before the jump, which lands after it (02:30 → 03:30).
  return new Date(naive - candidates[0]! * 60_000);
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addLocalDays(date: string, days: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** [start, end) of a local calendar day as instants (23 or 25 hours long on DST change days). */
export function localDayRange(date: string, timeZone: string): { start: Date; end: Date } {
  return { start: zonedToUtc(date, '00:00', timeZone), end: zonedToUtc(addLocalDays(date, 1), '00:00', timeZone) };
}

const abbreviationFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's short name at that instant as people read it: MST / MDT, GMT / BST (or GMT+x where no name exists). */
export function zoneAbbreviation(instant: Date, timeZone: string): string {
  let f = abbreviationFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' });
    abbreviationFormatters.set(timeZone, f);
  }
  return f.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
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
