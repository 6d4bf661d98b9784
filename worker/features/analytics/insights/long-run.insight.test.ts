import { describe, expect, it } from 'vitest';
import { LONG_RUN_MIN_WEEKS, LONG_RUN_STEADY_PCT, LONG_RUN_WINDOW_WEEKS, longRunInsight } from './long-run.insight';
import { buildInputs, FORBIDDEN_TONE, type ActivitySpec } from './testing.fixtures';

// TODAY 2026-11-18: weeks 1–4 start 2026-09-21, 09-28, 10-05, 10-12; weeks 5–8 start 10-19, 10-26, 11-02, 11-09.
const MONDAYS = ['2026-09-21', '2026-09-28', '2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26', '2026-11-02', '2026-11-09'];
const run = (id: string, date: string, distanceM: number): ActivitySpec => ({ id, date, distanceM, movingTimeS: distanceM * 0.3 });

describe('long_run_progression', () => {
  it('exports the definition constants', () => {
    expect([LONG_RUN_WINDOW_WEEKS, LONG_RUN_MIN_WEEKS, LONG_RUN_STEADY_PCT]).toEqual([8, 4, 5]);
  });

  it('is insufficient with runs in 3 weeks and ok at exactly 4', () => {
    const three = [
      run('a', MONDAYS[0]!, 10_000),
      run('b', MONDAYS[1]!, 10_000),
      run('c', MONDAYS[5]!, 10_000),
      run('c2', '2026-10-27', 12_000),
    ];
    const below = longRunInsight(buildInputs({ activities: three }));
    expect(below.status).toBe('insufficient');
    expect(below.finding).toBe('Needs runs in at least 4 of the last 8 complete weeks; 3 so far.');
    expect(below).toMatchObject({ numbers: {}, receipts: [], minSample: { required: 4, actual: 3, unit: 'weeks with runs' } });

    const four = [...three, run('d', MONDAYS[7]!, 10_000)];
    expect(longRunInsight(buildInputs({ activities: four })).status).toBe('ok');
  });

  it('takes the longest run of each week and compares the halves by hand', () => {
    const acts = [
      run('w1-short', '2026-09-22', 8_000),
      run('w1-long', '2026-09-27', 12_000),
      run('w3', '2026-10-10', 14_000),
      run('w5', '2026-10-25', 16_000),
      run('w6-long', '2026-10-31', 21_100),
      run('w6-short', '2026-10-28', 6_000),
      run('w8', '2026-11-15', 18_000),
      run('before', '2026-09-20', 30_000), // Sunday before the window
      run('current', '2026-11-16', 32_000), // current week
      { id: 'ride', date: '2026-11-10', sport: 'ride', distanceM: 90_000 } satisfies ActivitySpec,
    ];
    const out = longRunInsight(buildInputs({ activities: acts }));
    expect(out.status).toBe('ok');
    expect(out.numbers).toEqual({
      firstHalfLongestM: 14_000,
      secondHalfLongestM: 21_100,
      changePct: ((21_100 - 14_000) / 14_000) * 100,
      weeksWithRuns: 5,
    });
    expect(out.tone).toBe('positive');
    expect(out.finding).toBe('Your longest run went from 14.0 km (weeks 1–4) to 21.1 km (weeks 5–8) over the last 8 weeks.');
    expect(out.window).toEqual({ from: '2026-09-21', to: '2026-11-15' });
    expect(out.id).toBe('long_run_progression:2026-09-21:2026-11-15');
    expect(out.receipts.map((r) => r.activityId)).toEqual(['w1-long', 'w3', 'w5', 'w6-long', 'w8']);
    expect(out.receipts[3]!.values).toEqual({ weekStart: '2026-10-26', distanceM: 21_100 });
  });

  it('says "stayed around" within 5 % and stays info when the long run got shorter', () => {
    const steady = [
      run('a', MONDAYS[0]!, 20_000),
      run('b', MONDAYS[2]!, 20_000),
      run('c', MONDAYS[4]!, 20_500),
      run('d', MONDAYS[6]!, 20_900),
    ];
    const s = longRunInsight(buildInputs({ activities: steady }));
    expect(s.tone).toBe('info');
    expect(s.numbers.changePct).toBeCloseTo(((20_900 - 20_000) / 20_000) * 100, 10);
    expect(s.finding).toBe('Your longest run stayed around 20.9 km over the last 8 weeks (20.0 km in weeks 1–4, 20.9 km in weeks 5–8).');

    const shorter = [
      run('a', MONDAYS[0]!, 24_000),
      run('b', MONDAYS[2]!, 20_000),
      run('c', MONDAYS[4]!, 16_000),
      run('d', MONDAYS[6]!, 15_000),
    ];
    const d = longRunInsight(buildInputs({ activities: shorter }));
    expect(d.tone).toBe('info');
    expect(d.finding).toBe('Your longest run went from 24.0 km (weeks 1–4) to 16.0 km (weeks 5–8) over the last 8 weeks.');
    for (const f of [s.finding, d.finding]) expect(f).not.toMatch(FORBIDDEN_TONE);
  });

  it('describes one half only when the other had no runs', () => {
    const acts = MONDAYS.slice(4).map((m, i) => run(`r${i}`, m, 10_000 + i * 1_000));
    // Recorded history covers weeks 1–4 (other training, no runs): they are weeks without runs.
    const out = longRunInsight(buildInputs({ activities: acts, firstActivityDate: '2026-01-01' }));
    expect(out.status).toBe('ok');
    expect(out.numbers).toEqual({ firstHalfLongestM: 0, secondHalfLongestM: 13_000, weeksWithRuns: 4 });
    expect(out.finding).toBe('Your longest run in weeks 5–8 was 13.0 km; weeks 1–4 had no runs.');
  });

  it('a mile athlete sees miles', () => {
    const acts = [
      run('a', MONDAYS[0]!, 14_000),
      run('b', MONDAYS[1]!, 14_000),
      run('c', MONDAYS[5]!, 21_097.5),
      run('d', MONDAYS[6]!, 20_000),
    ];
    const out = longRunInsight(buildInputs({ units: 'mi', activities: acts }));
    // 14 000 m / 1609.344 = 8.70 mi; 21 097.5 m / 1609.344 = 13.11 mi.
    expect(out.finding).toBe('Your longest run went from 8.7 mi (weeks 1–4) to 13.1 mi (weeks 5–8) over the last 8 weeks.');
    expect(out.finding).not.toContain('km');
  });

  it('is insufficient while the record does not reach back to the window: a new account, or old files before a long gap (issue 37)', () => {
    const acts = MONDAYS.slice(4).map((m, i) => run(`r${i}`, m, 10_000 + i * 1_000));
    const fresh = longRunInsight(buildInputs({ activities: acts }));
    expect(fresh.status).toBe('insufficient');
    expect(fresh.finding).toBe('Needs training history back to 21 Sep 2026 (the last 8 complete weeks); history starts 19 Oct 2026.');
    const oldFiles = [run('2011', '2011-11-02', 30_000), run('2012', '2012-10-24', 5_000), ...acts];
    const out = longRunInsight(buildInputs({ activities: oldFiles }));
    expect(out.status).toBe('insufficient');
    expect(out.finding).toBe(
      'Needs training history back to 21 Sep 2026 (the last 8 complete weeks); recorded history starts 19 Oct 2026, after a gap of over 4 weeks since older activities.',
    );
    expect(out.finding).not.toMatch(/had no runs/);
  });
});
