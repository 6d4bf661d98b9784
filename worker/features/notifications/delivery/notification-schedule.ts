import { addDays, localParts, zonedToUtc } from '../../../lib/dates';
import type { DndWindow } from '../preferences/notification-preferences';

// When a notification email may go out, in the recipient's zone. Windows are local wall-clock times
// turned into instants per date with zonedToUtc, so a DST change day's 23 or 25 hours come out right.

const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** ISO weekday (1 Monday … 7 Sunday) of a YYYY-MM-DD date. */
const isoWeekday = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
};

/** The instants of the window that starts on local `date`, if one is set for that weekday. */
function windowOn(date: string, dnd: DndWindow[], timeZone: string): { start: Date; end: Date } | null {
  const w = dnd.find((x) => x.day === isoWeekday(date));
  if (!w) return null;
  const endDate = w.end <= w.start ? addDays(date, 1) : date;
  return { start: zonedToUtc(date, hhmm(w.start), timeZone), end: zonedToUtc(endDate, hhmm(w.end), timeZone) };
}

/**
 * `at` itself when no do-not-disturb window holds it, else the end of the window (and of any window
 * that begins exactly as it ends): deferred, never dropped.
 */
export function deferForDnd(at: Date, dnd: DndWindow[], timeZone: string): { at: Date; deferred: boolean } {
  let t = at;
  // Back-to-back windows can chain (Sun 22:00–07:00 then Mon 07:00–09:00); a week of them is the bound.
  for (let i = 0; i < 8; i++) {
    const today = localParts(t, timeZone).date;
    const holding = [windowOn(addDays(today, -1), dnd, timeZone), windowOn(today, dnd, timeZone)].find(
      (w) => w !== null && w.start.getTime() <= t.getTime() && t.getTime() < w.end.getTime(),
    );
    if (!holding) return { at: t, deferred: t.getTime() !== at.getTime() };
    t = holding.end;
  }
  return { at: t, deferred: true };
}

/** The first instant at or after `after` when the zone's clocks show `minute` (the daily send time). */
export function nextLocalTime(after: Date, minute: number, timeZone: string): Date {
  const today = localParts(after, timeZone).date;
  const candidate = zonedToUtc(today, hhmm(minute), timeZone);
  return candidate.getTime() >= after.getTime() ? candidate : zonedToUtc(addDays(today, 1), hhmm(minute), timeZone);
}

/** The Monday (YYYY-MM-DD) of the local week holding `at`. */
export function localMonday(at: Date, timeZone: string): string {
  const today = localParts(at, timeZone).date;
  return addDays(today, 1 - isoWeekday(today));
}

/**
 * When the Monday summary of the week before goes out in the local week starting `monday`: the chosen send
 * time that Monday, pushed to the end of a do-not-disturb window that holds it (as every non-urgent email).
 */
export function weeklySendAt(monday: string, minute: number, dnd: DndWindow[], timeZone: string): { at: Date; deferred: boolean } {
  return deferForDnd(zonedToUtc(monday, hhmm(minute), timeZone), dnd, timeZone);
}
