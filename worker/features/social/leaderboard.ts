// Weekly leaderboards (ADR 082): Monday 00:00 to Sunday 24:00 in each athlete's own zone, closing per
// zone, ranked by distance, moving time or active days per sport. Pure: the caller passes judged activities
// (leaderboard-eligibility.ts) and who is on the board.
import { addDays, localDateOf, mondayOf, zonedToUtc } from '../../lib/dates';
import { localDater } from './local-day';
import type { Sport } from '../activities';
import type { BoardActivity, Judged } from './leaderboard-eligibility';

export const BOARD_METRICS = ['distance', 'moving_time', 'active_days'] as const;
export type BoardMetric = (typeof BOARD_METRICS)[number];

/** A day counts as active with at least this much counted moving time in the sport (a 2-minute jog to game the streak does not). */
export const ACTIVE_DAY_MIN_S = 10 * 60;

/** The athlete's week containing `instant`: its Monday (YYYY-MM-DD) in their zone. */
export const weekOf = (instant: Date, timeZone: string): string => mondayOf(localDateOf(instant, timeZone));

/** [start, end) of the week starting on `monday` in a zone (a DST week is 167 or 169 hours). */
export function weekWindow(monday: string, timeZone: string): { start: Date; end: Date } {
  return { start: zonedToUtc(monday, '00:00', timeZone), end: zonedToUtc(addDays(monday, 7), '00:00', timeZone) };
}

/** Whether an athlete's week is over: their board entry is final from then on. */
export const weekClosed = (monday: string, timeZone: string, now: Date): boolean => now >= weekWindow(monday, timeZone).end;

export interface BoardAthlete {
  id: string;
  timeZone: string;
}

export interface BoardEntry {
  athleteId: string;
  /** Metres, seconds or days, by the board's metric. */
  value: number;
  /** 1-based; equal values share a rank (1, 2, 2, 4). */
  rank: number;
  /** Whether this athlete's own week has closed (`now` past their Sunday midnight). */
  final: boolean;
  /** The activities counted (the receipts). */
  activityIds: string[];
}

export interface BoardQuery {
  /** The Monday of the week, read in each athlete's own zone. */
  week: string;
  sport: Sport;
  metric: BoardMetric;
  now: Date;
}

/**
 * One week's board among `athletes`: only activities that passed eligibility, of the sport, that started
 * inside that athlete's own week. Athletes with nothing counted are left off. Ties share a rank and are
 * listed by athlete id so the order is stable.
 */
export function rankBoard(athletes: readonly BoardAthlete[], judged: readonly Judged<BoardActivity>[], q: BoardQuery): BoardEntry[] {
  const zoneOf = new Map(athletes.map((a) => [a.id, a.timeZone]));
  const daters = new Map<string, (instant: Date) => string>();
  const dayIn = (instant: Date, zone: string) => {
    let d = daters.get(zone);
    if (!d) {
      d = localDater(zone);
      daters.set(zone, d);
    }
    return d(instant);
  };
  const closed = new Map<string, boolean>();
  const finalIn = (zone: string) => {
    let c = closed.get(zone);
    if (c === undefined) {
      c = weekClosed(q.week, zone, q.now);
      closed.set(zone, c);
    }
    return c;
  };
  const mine = new Map<string, BoardActivity[]>();
  for (const { activity: a, exclusion } of judged) {
    const zone = zoneOf.get(a.athleteId);
    if (exclusion || zone === undefined || a.sport !== q.sport || mondayOf(dayIn(a.startTime, zone)) !== q.week) continue;
    const list = mine.get(a.athleteId);
    if (list) list.push(a);
    else mine.set(a.athleteId, [a]);
  }
  const entries: Omit<BoardEntry, 'rank'>[] = [];
  for (const [athleteId, list] of mine) {
    const zone = zoneOf.get(athleteId)!;
    let value: number;
    if (q.metric === 'distance') value = list.reduce((s, a) => s + a.distanceM, 0);
    else if (q.metric === 'moving_time') value = list.reduce((s, a) => s + a.movingTimeS, 0);
    else {
      const perDay = new Map<string, number>();
      for (const a of list) {
        const day = dayIn(a.startTime, zone);
        perDay.set(day, (perDay.get(day) ?? 0) + a.movingTimeS);
      }
      value = [...perDay.values()].filter((s) => s >= ACTIVE_DAY_MIN_S).length;
    }
    if (value > 0) entries.push({ athleteId, value, final: finalIn(zone), activityIds: list.map((a) => a.id) });
  }
  // Code-unit order, not localeCompare: ICU collation would dominate a 10,000-athlete close.
  entries.sort((a, b) => b.value - a.value || (a.athleteId < b.athleteId ? -1 : a.athleteId > b.athleteId ? 1 : 0));
  let rank = 0;
  return entries.map((e, i) => {
    if (i === 0 || entries[i - 1]!.value !== e.value) rank = i + 1;
    return { ...e, rank };
  });
}
