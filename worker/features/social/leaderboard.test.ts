import { describe, expect, it } from 'vitest';
import { policyFor } from '../activities';
import { boardActivity } from './board-activities.testing';
import { type BoardActivity, judgeActivities } from './leaderboard-eligibility';
import { rankBoard, weekClosed, weekOf, weekWindow } from './leaderboard';

const policy = policyFor('default');
const run = (athleteId: string, iso: string, minutes = 30, over: Partial<BoardActivity> = {}) =>
  boardActivity(athleteId, new Date(iso), { sport: 'run', speed: 3, durationS: minutes * 60, every: 1 }, over);
const AUCKLAND = { id: 'akl', timeZone: 'Pacific/Auckland' };
const NEW_YORK = { id: 'nyc', timeZone: 'America/New_York' };
const LONDON = { id: 'lon', timeZone: 'Europe/London' };
// The week of Monday 2026-11-16 (no DST change anywhere in it for these three zones).
const WEEK = '2026-11-16';

describe('weekly windows per athlete zone', () => {
  it('one instant falls in different weeks for different zones', () => {
    // Sunday 2026-11-22 12:30 UTC is Monday 01:30 in Auckland (NZDT, +13) and Sunday 07:30 in New York.
    const instant = new Date('2026-11-22T12:30:00Z');
    expect(weekOf(instant, AUCKLAND.timeZone)).toBe('2026-11-23');
    expect(weekOf(instant, NEW_YORK.timeZone)).toBe(WEEK);
  });

  it('a week spans Monday 00:00 to the next Monday 00:00 locally, 167 hours when the clocks go forward', () => {
    const w = weekWindow(WEEK, LONDON.timeZone);
    expect(w.start.toISOString()).toBe('2026-11-16T00:00:00.000Z');
    expect(w.end.getTime() - w.start.getTime()).toBe(168 * 3_600_000);
    const spring = weekWindow('2027-03-22', LONDON.timeZone); // BST starts Sunday 2027-03-28
    expect(spring.end.getTime() - spring.start.getTime()).toBe(167 * 3_600_000);
  });

  it('closes per zone: Auckland is final while New York is still running', () => {
    const now = new Date('2026-11-22T12:00:00Z'); // Monday 01:00 in Auckland, Sunday 07:00 in New York
    expect(weekClosed(WEEK, AUCKLAND.timeZone, now)).toBe(true);
    expect(weekClosed(WEEK, NEW_YORK.timeZone, now)).toBe(false);
  });
});

describe('rankBoard', () => {
  const now = new Date('2026-11-22T12:00:00Z');

  it("counts each athlete's activities by their own week, and marks whose week is final", () => {
    const acts = [
      // Auckland: Sunday 23:30 local (10:30 UTC) counts; Monday 00:30 local (11:30 UTC Sunday) is next week.
      run('akl', '2026-11-22T10:30:00Z', 40),
      run('akl', '2026-11-22T11:30:00Z', 90),
      // New York: Monday 00:30 local (05:30 UTC) counts; Sunday 23:30 local before it does not.
      run('nyc', '2026-11-16T05:30:00Z', 50),
      run('nyc', '2026-11-16T04:30:00Z', 90),
    ];
    const board = rankBoard([AUCKLAND, NEW_YORK], judgeActivities(acts, policy), { week: WEEK, sport: 'run', metric: 'moving_time', now });
    expect(board.map((e) => [e.athleteId, e.value, e.rank, e.final])).toEqual([
      ['nyc', 3000, 1, false],
      ['akl', 2400, 2, true],
    ]);
    expect(board[0]!.activityIds).toEqual([acts[2]!.id]);
  });

  it('ranks distance per sport, ties sharing a rank, excluded activities left out', () => {
    const acts = [
      run('a', '2026-11-17T07:00:00Z', 30, { distanceM: 5000 }),
      run('b', '2026-11-17T07:00:00Z', 30, { distanceM: 5000 }),
      run('c', '2026-11-18T07:00:00Z', 30, { distanceM: 4000 }),
      run('c', '2026-11-19T07:00:00Z', 30, { source: 'manual', distanceM: 100_000 }),
      boardActivity('c', new Date('2026-11-19T09:00:00Z'), { sport: 'ride', speed: 8, durationS: 3600, every: 1 }),
    ];
    const athletes = ['a', 'b', 'c'].map((id) => ({ id, timeZone: 'UTC' }));
    const board = rankBoard(athletes, judgeActivities(acts, policy), { week: WEEK, sport: 'run', metric: 'distance', now });
    expect(board.map((e) => [e.athleteId, e.value, e.rank])).toEqual([
      ['a', 5000, 1],
      ['b', 5000, 1],
      ['c', 4000, 3],
    ]);
  });

  it('counts active days in the athlete zone, a day needing 10 counted minutes', () => {
    const acts = [
      run('lon', '2026-11-16T07:00:00Z', 30),
      run('lon', '2026-11-16T18:00:00Z', 30), // same day
      run('lon', '2026-11-17T07:00:00Z', 5), // 5 minutes: not an active day
      run('lon', '2026-11-17T08:00:00Z', 4), // still 9 minutes that day
      run('lon', '2026-11-18T23:30:00Z', 20), // Wednesday night in London
    ];
    const board = rankBoard([LONDON], judgeActivities(acts, policy), { week: WEEK, sport: 'run', metric: 'active_days', now });
    expect(board[0]!.value).toBe(2);
  });
});
