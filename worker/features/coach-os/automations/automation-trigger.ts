// When a scheduled trigger fires, in the org's zone: the next instants after a moment, and the trigger
// in words. Daily and weekly times go through lib/dates (a time skipped by spring-forward runs at the
// same clock reading after the jump; a repeated fall-back time runs once, at its first occurrence);
// cron expressions through croner with the org's zone.

import { Cron } from 'croner';
import { addDays, localParts, zoneAbbreviation, zonedToUtc } from '../../../lib/dates';
import { formatWeekdayDate } from '../../../lib/format';
import type { Audience, ScheduleTrigger, Trigger } from './automations.schema';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The first firing strictly after `after`, or null when the trigger never fires again. */
export function nextRunAfter(trigger: ScheduleTrigger, timeZone: string, after: Date): Date | null {
  if (trigger.kind === 'cron') {
    return new Cron(trigger.expression, { mode: '5-part', timezone: timeZone, paused: true }).nextRun(after);
  }
  const days = trigger.kind === 'weekly' ? new Set(trigger.weekdays) : null;
  let date = localParts(after, timeZone).date;
  // Eight local days always hold the next weekly slot (and one DST change at most).
  for (let i = 0; i < 8; i++, date = addDays(date, 1)) {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (days && !days.has(weekday)) continue;
    const at = zonedToUtc(date, trigger.time, timeZone);
    if (at.getTime() > after.getTime()) return at;
  }
  return null;
}

export function nextRuns(trigger: ScheduleTrigger, timeZone: string, after: Date, count = 5): Date[] {
  const out: Date[] = [];
  let from = after;
  while (out.length < count) {
    const next = nextRunAfter(trigger, timeZone, from);
    if (!next) break;
    out.push(next);
    from = next;
  }
  return out;
}

/** "Mon 9 Mar 2026, 07:00 MST": an instant as the org reads it. */
export function localLabel(instant: Date, timeZone: string): string {
  const l = localParts(instant, timeZone);
  const hm = `${String(l.hour).padStart(2, '0')}:${String(l.minute).padStart(2, '0')}`;
  return `${formatWeekdayDate(l.date, true)}, ${hm} ${zoneAbbreviation(instant, timeZone)}`;
}

/** The trigger in words, with the zone's abbreviation as it is now ("Every Mon, Wed at 07:00 MST"). */
export function describeTrigger(trigger: Trigger, timeZone: string, now: Date): string {
  const zone = zoneAbbreviation(now, timeZone);
  switch (trigger.kind) {
    case 'daily':
      return `Every day at ${trigger.time} ${zone}`;
    case 'weekly': {
      const sorted = [...trigger.weekdays].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
      const days = sorted.length === 7 ? 'day' : sorted.map((d) => DAYS[d]).join(', ');
      return `Every ${days} at ${trigger.time} ${zone}`;
    }
    case 'cron':
      return `Cron “${trigger.expression}” in ${timeZone} (${zone})`;
    case 'booking_completed':
      return 'When a booking is completed';
    case 'package_low':
      return 'When a package is down to 1 session or fewer';
    case 'package_expiring':
      return `When a package expires in ${trigger.days} day${trigger.days === 1 ? '' : 's'}`;
    case 'client_inactive':
      return `When a client has been inactive for ${trigger.days} day${trigger.days === 1 ? '' : 's'}`;
  }
}

export function describeAudience(audience: Audience | null): string {
  if (!audience) return 'the client the event is about';
  switch (audience.kind) {
    case 'coach':
      return 'only you';
    case 'active_clients':
      return 'every client with an active package';
    case 'low_sessions':
      return `clients with ${audience.max} or fewer sessions left`;
    case 'inactive':
      return `clients inactive for ${audience.days}+ days`;
  }
}
