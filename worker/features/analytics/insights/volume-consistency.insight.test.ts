import { describe, expect, it } from 'vitest';
import { buildInputs, FORBIDDEN_TONE, type ActivitySpec } from './testing.fixtures';
import { VOLUME_MIN_ACTIVE_WEEKS, VOLUME_RECEIPT_CAP, VOLUME_WINDOW_WEEKS, volumeConsistencyInsight } from './volume-consistency.insight';

// TODAY 2026-11-18 (Wed): the 8 complete weeks are the Mondays 2026-09-21 … 2026-11-09; window 2026-09-21..2026-11-15.
const MONDAYS = ['2026-09-21', '2026-09-28', '2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26', '2026-11-02', '2026-11-09'];

const session = (date: string, movingTimeS: number, id = `a-${date}-${movingTimeS}`): ActivitySpec => ({
  id,
  date,
  movingTimeS,
  sport: 'ride',
  distanceM: 20_000,
});

describe('volume_consistency', () => {
  it('exports the definition constants', () => {
    expect([VOLUME_WINDOW_WEEKS, VOLUME_MIN_ACTIVE_WEEKS, VOLUME_RECEIPT_CAP]).toEqual([8, 4, 200]);
  });

  it('is insufficient with 3 active weeks and ok at exactly 4', () => {
    const three = MONDAYS.slice(0, 3).map((d) => session(d, 3_600));
    const below = volumeConsistencyInsight(buildInputs({ activities: three }));
    expect(below.status).toBe('insufficient');
    expect(below.finding).toBe('Needs training in at least 4 of the last 8 complete weeks; 3 so far.');
    expect(below).toMatchObject({ numbers: {}, receipts: [], minSample: { required: 4, actual: 3, unit: 'weeks with training' } });

    const four = MONDAYS.slice(0, 4).map((d) => session(d, 3_600));
    expect(volumeConsistencyInsight(buildInputs({ activities: four })).status).toBe('ok');
  });

  it('is insufficient when history starts after the window start, ok when it starts on it', () => {
    const acts = MONDAYS.map((d) => session(d, 3_600));
    const late = volumeConsistencyInsight(buildInputs({ activities: acts, firstActivityDate: '2026-09-22' }));
    expect(late.status).toBe('insufficient');
    expect(late.finding).toBe('Needs training history back to 21 Sep 2026 (the last 8 complete weeks); history starts 22 Sep 2026.');

    const none = volumeConsistencyInsight(buildInputs({ activities: [] }));
    expect(none.finding).toBe('Needs training history back to 21 Sep 2026 (the last 8 complete weeks); no activities yet.');

    expect(volumeConsistencyInsight(buildInputs({ activities: acts, firstActivityDate: '2026-09-21' })).status).toBe('ok');
  });

  it('computes active weeks, mean hours and variation by hand', () => {
    // Weekly moving time (s): 5 h, 0, 6 h, 4 h, 5 h, 7 h (two sessions), 3 h, 6 h.
    const acts = [
      session('2026-09-21', 18_000),
      session('2026-10-05', 21_600),
      session('2026-10-12', 14_400),
      session('2026-10-19', 18_000),
      session('2026-10-26', 10_800),
      session('2026-11-01', 14_400),
      session('2026-11-02', 10_800),
      session('2026-11-15', 21_600),
    ];
    const out = volumeConsistencyInsight(buildInputs({ activities: acts }));
    const weekly = [18_000, 0, 21_600, 14_400, 18_000, 25_200, 10_800, 21_600];
    const meanS = (18_000 + 0 + 21_600 + 14_400 + 18_000 + 25_200 + 10_800 + 21_600) / 8;
    const variance =
      ((18_000 - meanS) ** 2 +
        (0 - meanS) ** 2 +
        (21_600 - meanS) ** 2 +
        (14_400 - meanS) ** 2 +
        (18_000 - meanS) ** 2 +
        (25_200 - meanS) ** 2 +
        (10_800 - meanS) ** 2 +
        (21_600 - meanS) ** 2) /
      8;
    expect(weekly).toHaveLength(8);
    expect(out.status).toBe('ok');
    expect(out.numbers.activeWeeks).toBe(7);
    expect(out.numbers.meanHours).toBeCloseTo(meanS / 3600, 10);
    expect(out.numbers.cvPct).toBeCloseTo((Math.sqrt(variance) / meanS) * 100, 10);
    expect(out.tone).toBe('info');
    expect(out.window).toEqual({ from: '2026-09-21', to: '2026-11-15' });
    expect(out.id).toBe('volume_consistency:2026-09-21:2026-11-15');
    // mean 16 200 s = 4.5 h; sd = sqrt(variance) ≈ 7 425 s → 45.8 % → "46 %".
    expect(out.finding).toBe('You trained in 7 of the last 8 weeks; weekly time averaged 4.5 h and varied by 46 % week to week.');
    expect(out.finding).not.toMatch(FORBIDDEN_TONE);
  });

  it('says "each of" when every week had training', () => {
    const out = volumeConsistencyInsight(buildInputs({ activities: MONDAYS.map((d) => session(d, 3_600)) }));
    expect(out.finding).toBe('You trained in each of the last 8 weeks; weekly time averaged 1.0 h and varied by 0 % week to week.');
  });

  it('receipts are exactly the activities in the window', () => {
    const acts = [
      session('2026-09-20', 3_600, 'before'), // Sunday before the window
      ...MONDAYS.slice(0, 4).map((d) => session(d, 3_600, `in-${d}`)),
      session('2026-11-15', 3_600, 'last-sunday'),
      session('2026-11-16', 3_600, 'current-week'),
    ];
    const out = volumeConsistencyInsight(buildInputs({ activities: acts, firstActivityDate: '2026-01-01' }));
    expect(out.receipts.map((r) => r.activityId)).toEqual([
      'in-2026-09-21',
      'in-2026-09-28',
      'in-2026-10-05',
      'in-2026-10-12',
      'last-sunday',
    ]);
    expect(out.receipts[0]!.values).toEqual({ load: 50 });
  });

  it('caps receipts at 200, oldest first', () => {
    const acts = Array.from({ length: 210 }, (_, i) => session(MONDAYS[i % 8]!, 600, `s-${String(i).padStart(3, '0')}`));
    const out = volumeConsistencyInsight(buildInputs({ activities: acts }));
    expect(out.receipts).toHaveLength(200);
    expect(out.receipts[0]!.date).toBe('2026-09-21');
    expect(out.numbers.activeWeeks).toBe(8);
  });

  it('does not count the weeks after a long gap that follows old files as weeks off (issue 37)', () => {
    // Files from 2011 and 2012, then a new account's Garmin month from week 5 on.
    const acts = [session('2011-11-02', 2_300), session('2012-10-24', 1_200), ...MONDAYS.slice(4).map((d) => session(d, 3_600))];
    const out = volumeConsistencyInsight(buildInputs({ activities: acts }));
    expect(out.status).toBe('insufficient');
    expect(out.finding).toBe(
      'Needs training history back to 21 Sep 2026 (the last 8 complete weeks); recorded history starts 19 Oct 2026, after a gap of over 4 weeks since older activities.',
    );
    // A record that reaches the window across a break of at most 4 weeks (28 empty days) is judged as before.
    const kept = [session('2026-09-20', 3_600), ...MONDAYS.slice(4).map((d) => session(d, 3_600))];
    expect(volumeConsistencyInsight(buildInputs({ activities: kept })).finding).toMatch(/^You trained in 4 of the last 8 weeks/);
  });
});
