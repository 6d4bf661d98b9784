import { describe, expect, it } from 'vitest';
import { zonedToUtc } from '../../lib/dates';
import type { HistoryActivity } from './achievement-rules';
import { ACHIEVEMENTS, type AthleteHistory, diffAwards, evaluate } from './achievements';
import { prng } from './privacy-attack.testing';

let n = 0;
const act = (startIso: string | Date, over: Partial<HistoryActivity> = {}): HistoryActivity => ({
  id: `a${++n}`,
  sport: 'run',
  startTime: new Date(startIso),
  elapsedTimeS: 1800,
  movingTimeS: 1800,
  distanceM: 3000,
  multisportGroup: null,
  race: null,
  bestEfforts: [],
  excluded: false,
  ...over,
});
const keys = (h: AthleteHistory) => evaluate(h).map((a) => a.key);
const award = (h: AthleteHistory, key: string) => evaluate(h).find((a) => a.key === key);
const utc = (activities: HistoryActivity[]): AthleteHistory => ({ timeZone: 'UTC', activities });
/** Daily activities of `minutes` at a local time for `days` days from `from`, in `zone`. */
const daily = (zone: string, from: string, days: number, time = '07:00', minutes = 30) =>
  Array.from({ length: days }, (_, i) => {
    const d = new Date(`${from}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + i);
    return act(zonedToUtc(d.toISOString().slice(0, 10), time, zone), { movingTimeS: minutes * 60, elapsedTimeS: minutes * 60 });
  });

describe('the catalog', () => {
  it('has at least 20 achievements, unique keys, points on each', () => {
    expect(ACHIEVEMENTS.length).toBeGreaterThanOrEqual(20);
    expect(new Set(ACHIEVEMENTS.map((a) => a.key)).size).toBe(ACHIEVEMENTS.length);
    for (const a of ACHIEVEMENTS) expect(a.points).toBeGreaterThan(0);
  });
});

describe('distance firsts', () => {
  it.each([
    ['first_5k', 'run', 5000],
    ['first_10k', 'run', 10_000],
    ['first_half_marathon', 'run', 21_097.5],
    ['first_marathon', 'run', 42_195],
    ['first_ultra', 'run', 50_000],
    ['century_ride', 'ride', 100_000],
  ] as const)('%s: %s of %d m earns it, one metre short does not', (key, sport, metres) => {
    expect(keys(utc([act('2026-05-01T07:00:00Z', { sport, distanceM: metres - 1 })]))).not.toContain(key);
    const a = act('2026-05-02T07:00:00Z', { sport, distanceM: metres });
    expect(award(utc([a]), key)).toMatchObject({ receipts: [a.id], earnedAt: a.startTime });
  });

  it('4,999 m is not a 5 km; a 5 km ride is not a 5 km run', () => {
    expect(
      keys(utc([act('2026-05-01T07:00:00Z', { distanceM: 4999 }), act('2026-05-02T07:00:00Z', { sport: 'ride', distanceM: 30_000 })])),
    ).not.toContain('first_5k');
  });

  it('excluded activities never count', () => {
    expect(keys(utc([act('2026-05-01T07:00:00Z', { distanceM: 42_195, excluded: true })]))).toEqual([]);
  });
});

describe('volume', () => {
  it('a 10-hour week is Monday 00:00 to Sunday 24:00 in the athlete zone: one history, two zones', () => {
    // 10 × 1 h, from Monday 2026-11-16 06:00 to Sunday 2026-11-22 at 23:30 Auckland time (= 10:30 UTC that Sunday).
    const hours = [
      ...Array.from({ length: 9 }, (_, i) =>
        act(zonedToUtc(`2026-11-${16 + (i % 6)}`, `0${6 + Math.floor(i / 6)}:00`, 'Pacific/Auckland'), { movingTimeS: 3600 }),
      ),
      act(zonedToUtc('2026-11-22', '23:00', 'Pacific/Auckland'), { movingTimeS: 3600 }),
    ];
    expect(keys({ timeZone: 'Pacific/Auckland', activities: hours })).toContain('week_10h');
    // In London the Auckland Monday mornings are the previous Sunday evening: the ten hours span two weeks.
    expect(keys({ timeZone: 'Europe/London', activities: hours })).not.toContain('week_10h');
  });

  it('9 h 59 min is not a 10-hour week; 15 h, 50 h months and 500 h years by the same sums', () => {
    const week = (minutes: number) => [act('2026-11-16T07:00:00Z', { movingTimeS: minutes * 60 })];
    expect(keys(utc(week(599)))).not.toContain('week_10h');
    expect(keys(utc(week(600)))).toContain('week_10h');
    expect(keys(utc(week(900)))).toEqual(expect.arrayContaining(['week_10h', 'week_15h']));
    const month = Array.from({ length: 25 }, (_, i) =>
      act(`2026-03-${String(i + 1).padStart(2, '0')}T07:00:00Z`, { movingTimeS: 2 * 3600 }),
    );
    expect(keys(utc(month))).toContain('month_50h');
    expect(keys(utc(month.slice(1)))).not.toContain('month_50h');
    const year = Array.from({ length: 250 }, (_, i) => act(new Date(Date.UTC(2026, 0, 1 + i, 7)), { movingTimeS: 2 * 3600 }));
    const y = award(utc(year), 'year_500h')!;
    expect(y.receipts).toHaveLength(250);
    expect(keys(utc(year.slice(1)))).not.toContain('year_500h');
  });
});

describe('streaks', () => {
  it('7 local days in a row across the spring DST change, at 00:30 local', () => {
    // US clocks go forward on Sunday 2026-03-08: a naive 24-hour step would slide a day.
    const days = daily('America/New_York', '2026-03-05', 7, '00:30');
    const a = award({ timeZone: 'America/New_York', activities: days }, 'streak_7')!;
    expect(a.receipts).toEqual(days.map((d) => d.id));
    expect(keys({ timeZone: 'America/New_York', activities: days.slice(0, 6) })).not.toContain('streak_7');
  });

  it('a missed day breaks it, a day needs 10 counted minutes, excluded activities do not hold it', () => {
    const days = daily('UTC', '2026-06-01', 8);
    expect(keys(utc(days.filter((_, i) => i !== 3)))).not.toContain('streak_7');
    const short = days.map((d, i) => (i === 3 ? { ...d, movingTimeS: 540 } : d));
    expect(keys(utc(short))).not.toContain('streak_7');
    const excluded = days.map((d, i) => (i === 3 ? { ...d, excluded: true } : d));
    expect(keys(utc(excluded))).not.toContain('streak_7');
    expect(keys(utc(days))).toContain('streak_7');
  });

  it('30, 100 and 365 days', () => {
    const year = daily('Europe/Berlin', '2026-01-01', 365, '18:00');
    const got = keys({ timeZone: 'Europe/Berlin', activities: year });
    expect(got).toEqual(expect.arrayContaining(['streak_7', 'streak_30', 'streak_100', 'streak_365']));
    expect(keys({ timeZone: 'Europe/Berlin', activities: year.slice(0, 364) })).not.toContain('streak_365');
    expect(keys({ timeZone: 'Europe/Berlin', activities: year.slice(0, 99) })).not.toContain('streak_100');
    expect(keys({ timeZone: 'Europe/Berlin', activities: year.slice(0, 29) })).not.toContain('streak_30');
  });
});

describe('racing and multisport', () => {
  it('a podium or a win only when the athlete marked the result', () => {
    expect(keys(utc([act('2026-05-01T07:00:00Z', { race: { place: null } })]))).toEqual(['first_race']);
    expect(keys(utc([act('2026-05-01T07:00:00Z', { race: { place: 3 } })]))).toEqual(['first_race', 'first_podium']);
    expect(keys(utc([act('2026-05-01T07:00:00Z', { race: { place: 4 } })]))).toEqual(['first_race']);
    expect(keys(utc([act('2026-05-01T07:00:00Z', { race: { place: 1 } })]))).toEqual(['first_race', 'first_podium', 'first_win']);
  });

  it('each racing edge: 2nd is a podium and no win, an unmarked run is no race, an excluded race earns nothing (ADR 084)', () => {
    expect(keys(utc([act('2026-05-01T07:00:00Z', { race: { place: 2 } })]))).toEqual(['first_race', 'first_podium']);
    expect(keys(utc([act('2026-05-01T07:00:00Z', { distanceM: 42_195 })]))).not.toContain('first_race');
    expect(keys(utc([act('2026-05-01T07:00:00Z', { race: { place: 1 }, excluded: true })]))).toEqual([]);
    // The first race and the first podium are different activities when the podium came later.
    const first = act('2026-05-01T07:00:00Z', { race: { place: 12 } });
    const later = act('2026-06-01T07:00:00Z', { race: { place: 3 } });
    const h = utc([first, later]);
    expect(award(h, 'first_race')!.receipts).toEqual([first.id]);
    expect(award(h, 'first_podium')!.receipts).toEqual([later.id]);
    expect(award(h, 'first_win')).toBeUndefined();
  });

  it('a brick is a ride then a run within 30 minutes; the reverse, or an hour later, is not', () => {
    const ride = act('2026-05-01T07:00:00Z', { sport: 'ride', distanceM: 40_000, elapsedTimeS: 3600 });
    const runAt = (iso: string) => act(iso, { distanceM: 5000 });
    expect(award(utc([ride, runAt('2026-05-01T08:05:00Z')]), 'first_brick')?.receipts).toHaveLength(2);
    expect(keys(utc([ride, runAt('2026-05-01T08:31:00Z')]))).not.toContain('first_brick');
    expect(keys(utc([runAt('2026-05-01T06:00:00Z'), ride]))).not.toContain('first_brick');
  });

  it('a triathlon from a multisport file, and the iron distance only at full distances', () => {
    const leg = (sport: 'swim' | 'ride' | 'run', iso: string, distanceM: number, elapsedTimeS: number) =>
      act(iso, { sport, distanceM, elapsedTimeS, movingTimeS: elapsedTimeS, multisportGroup: 'file-1' });
    const iron = [
      leg('swim', '2026-07-05T07:00:00Z', 3800, 4000),
      leg('ride', '2026-07-05T08:12:00Z', 180_000, 20_000),
      leg('run', '2026-07-05T13:50:00Z', 42_195, 14_000),
    ];
    expect(keys(utc(iron))).toEqual(expect.arrayContaining(['first_triathlon', 'first_half_iron', 'first_iron_distance', 'first_brick']));
    const short = iron.map((a, i) => (i === 2 ? { ...a, distanceM: 42_194 } : a));
    expect(keys(utc(short))).not.toContain('first_iron_distance');
    expect(keys(utc(short))).toContain('first_half_iron');
  });

  it('a PB needs an earlier best to beat; excluded efforts never count', () => {
    const five = (iso: string, s: number, excluded = false) =>
      act(iso, { distanceM: 6000, bestEfforts: [{ distanceM: 5000, elapsedS: s, excluded }] });
    expect(keys(utc([five('2026-05-01T07:00:00Z', 1500)]))).not.toContain('pb_5k');
    expect(keys(utc([five('2026-05-01T07:00:00Z', 1500), five('2026-05-08T07:00:00Z', 1500)]))).not.toContain('pb_5k');
    expect(keys(utc([five('2026-05-01T07:00:00Z', 1500), five('2026-05-08T07:00:00Z', 600, true)]))).not.toContain('pb_5k');
    const a = five('2026-05-01T07:00:00Z', 1500);
    const b = five('2026-05-08T07:00:00Z', 1490);
    expect(award(utc([a, b]), 'pb_5k')?.receipts).toEqual([a.id, b.id]);
  });
});

describe('re-evaluation', () => {
  it('a late import grants, a deletion withdraws, an earlier receipt moves an award', () => {
    const tenK = act('2026-05-10T07:00:00Z', { distanceM: 10_000 });
    const before = evaluate(utc([tenK]));
    const lateHalf = act('2026-04-01T07:00:00Z', { distanceM: 21_100 });
    const after = evaluate(utc([tenK, lateHalf]));
    const d = diffAwards(before, after);
    expect(d.granted.map((a) => a.key)).toEqual(['first_half_marathon']);
    expect(d.moved.map((a) => [a.key, a.receipts])).toEqual([
      ['first_5k', [lateHalf.id]],
      ['first_10k', [lateHalf.id]],
    ]);
    expect(d.withdrawn).toEqual([]);
    const deleted = diffAwards(after, evaluate(utc([tenK])));
    expect(deleted.withdrawn.map((a) => a.key)).toEqual(['first_half_marathon']);
    expect(diffAwards(after, evaluate(utc([lateHalf, tenK]))).granted).toEqual([]);
  });

  it('is deterministic on generated histories: order of input and re-evaluation never change the awards', () => {
    const r = prng(2026);
    const history = Array.from({ length: 400 }, (_, i) =>
      act(new Date(Date.UTC(2026, 0, 1) + Math.floor(r() * 300) * 86_400_000 + Math.floor(r() * 86_400) * 1000), {
        id: `g${i}`,
        sport: (['run', 'ride', 'swim'] as const)[Math.floor(r() * 3)],
        distanceM: Math.floor(r() * 60_000),
        movingTimeS: Math.floor(600 + r() * 7200),
        excluded: r() < 0.05,
      }),
    );
    const a = evaluate({ timeZone: 'Asia/Kolkata', activities: history });
    const b = evaluate({ timeZone: 'Asia/Kolkata', activities: [...history].reverse() });
    expect(b).toEqual(a);
    expect(diffAwards(a, b)).toEqual({ granted: [], withdrawn: [], moved: [] });
    const excludedIds = new Set(history.filter((h) => h.excluded).map((h) => h.id));
    for (const award of a) for (const id of award.receipts) expect(excludedIds.has(id)).toBe(false);
  });
});
