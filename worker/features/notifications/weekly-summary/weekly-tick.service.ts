import type { Executor } from '../../../db/executor';
import { addDays, localParts, zonedToUtc } from '../../../lib/dates';
import { DEFAULT_DND, DEFAULT_SEND_MINUTE } from '../preferences/notification-preferences';
import { localMonday, weeklySendAt } from '../delivery/notification-schedule';
import { createWeeklyRepo, type DueGroup } from './weekly.repo';

// The Monday tick (ADR 022, addendum): prepares the weekly summary's outbox rows in one set-based pass.
// The time-zone work runs in TS once per distinct (zone, send time, do-not-disturb) combination, with the
// same functions the fan-out uses, then one INSERT … SELECT writes every due group's rows.

/** Rows are prepared this far ahead: the hourly tick's interval plus slack, so each is waiting before it is due. */
export const WEEKLY_HORIZON_MS = 65 * 60_000;
/** A send instant this far in the past is still prepared (a tick that failed, a send time moved earlier today). */
export const WEEKLY_CATCH_UP_MS = 6 * 3600_000;

/** An account's zone as stored; one Intl does not know is read as UTC, as analytics' "today" does. */
function usableZone(zone: string): string {
  try {
    localParts(new Date(0), zone);
    return zone;
  } catch {
    return 'UTC';
  }
}

/** The groups whose Monday send instant lies in [now − catch-up, now + horizon), each with its week. */
export function dueGroups(groups: { zone: string; minute: number; dnd: DueGroup['dnd'] }[], now: Date): DueGroup[] {
  const from = new Date(now.getTime() - WEEKLY_CATCH_UP_MS);
  const to = new Date(now.getTime() + WEEKLY_HORIZON_MS);
  const due: DueGroup[] = [];
  for (const g of groups) {
    const zone = usableZone(g.zone);
    // The window spans at most two local weeks (a Sunday night into Monday).
    for (const monday of new Set([localMonday(from, zone), localMonday(to, zone)])) {
      const send = weeklySendAt(monday, g.minute, g.dnd, zone);
      if (send.at.getTime() < from.getTime() || send.at.getTime() >= to.getTime()) continue;
      due.push({
        zone: g.zone,
        minute: g.minute,
        dnd: g.dnd,
        weekStart: addDays(monday, -7),
        dueAt: send.at,
        weekEndsAt: zonedToUtc(monday, '00:00', zone),
        reason: send.deferred ? 'dnd' : 'send_time',
      });
    }
  }
  return due;
}

export function createWeeklyTick(deps: { db: Executor }) {
  const repo = createWeeklyRepo(deps.db, { sendMinute: DEFAULT_SEND_MINUTE, dnd: DEFAULT_DND });
  return {
    /** Prepares the Monday summaries due within the horizon; the every-minute due sweep sends them. */
    async prepare(now: Date): Promise<{ groups: number; dueGroups: number; prepared: number }> {
      const groups = await repo.sendGroups();
      const due = dueGroups(groups, now);
      const prepared = await repo.insertWeekly(due, now);
      return { groups: groups.length, dueGroups: due.length, prepared };
    },
  };
}
