// The coach's wellness tools on the real database: the days with their sources, read with the `ai` data use;
// "how did I sleep before my best runs?" with the runs (never Strava's) as receipts and the night before each;
// and the claim checker holding a wellness answer to those numbers (a wrong sleep, weight or HRV is caught).
import { describe, expect, it } from 'vitest';
import { Harness } from '../../../testing/harness';
import { createWellnessService } from '../../wellness';
import type { ToolResult } from '../coach.types';
import { checkClaims } from './claims';
import { type FixtureActivity, groundingWorld, NOW } from './grounding-testing';
import { createCoachTools, runCoachTool, toolResultText, toolSummary } from './tools';

const five = (key: string, source: FixtureActivity['source'], date: string, fiveS: number, name: string): FixtureActivity => ({
  key,
  source,
  sport: 'run',
  date,
  distanceM: 8000,
  movingS: Math.round(fiveS * 1.7),
  avgHr: 150,
  elevationM: 20,
  name,
  bestEfforts: [{ name: '5K', distanceM: 5000, elapsedS: fiveS }],
});

// Today is 2026-11-21. The Strava run is the fastest by far: it must never be a best run the coach names.
const RUNS = [
  five('fast', 'fit_upload', '2026-11-20', 1200, 'Fast Five'),
  five('mid', 'manual', '2026-11-12', 1380, 'Steady Five'),
  five('slow', 'gpx_upload', '2026-11-05', 1620, 'Slow Five'),
  five('strava', 'strava', '2026-11-15', 1000, 'Strava Rocket'),
];

async function world(h: Harness) {
  const g = await groundingWorld(h, { activities: RUNS });
  const athlete = { ...g.athlete, birthDate: '1986-04-02', sex: 'female' as const };
  const wellness = createWellnessService({ db: h.db, clock: g.deps.clock });
  const a = { id: athlete.id, units: athlete.units, timeZone: athlete.timeZone };
  // Sleep counts on the wake day: the night before the Fast Five is 2026-11-20's. Garmin's sleep there, the athlete's elsewhere.
  await wellness.recordDevice(athlete.id, 'garmin', [{ externalId: 'sleep-1120', day: '2026-11-20', values: { sleepS: 8.25 * 3600 } }]);
  await wellness.checkIn(a, '2026-11-12', { sleepHours: 6.5, weight: 70.4, hrvRmssd: 52 });
  await wellness.checkIn(a, '2026-11-13', { sleepHours: 7, weight: 70.8, restingHr: 48 });
  await wellness.checkIn(a, '2026-11-15', { sleepHours: 5.5 });
  const uses: string[] = [];
  const deps = {
    ...g.deps,
    wellness: {
      days: (...args: Parameters<typeof wellness.days>) => {
        uses.push(args[3] ?? 'owner');
        return wellness.days(...args);
      },
    },
  };
  return { g, deps, uses, ctx: { ...g.ctx(), athlete } };
}

describe('the coach’s wellness tools', () => {
  it('sleep_before_best: the best runs by age grade with the night before and its source, against typical sleep', async () => {
    const h = Harness.init();
    const { g, deps, uses, ctx } = await world(h);
    const out = await runCoachTool(createCoachTools(deps), ctx, 'sleep_before_best', { from: '2026-11-01' });
    if (!out.ok) throw new Error(out.error);
    const r = out.result;
    expect(uses).toEqual(['ai']);
    expect(r.window).toEqual({ from: '2026-11-01', to: '2026-11-21' });
    expect(r.receipts.map((x) => x.activityId)).toEqual(['fast', 'mid', 'slow'].map((k) => g.ids.get(k)!));
    expect(r.receipts[0]!.values).toMatchObject({ nightBefore: '8.25 h (Garmin)' });
    const fact = (label: string) => r.facts.find((f) => f.label === label);
    expect(fact('2026-11-20 Fast Five: sleep the night before (Garmin)')).toMatchObject({
      value: 8.25,
      unit: 'h',
      activityIds: [g.ids.get('fast')],
    });
    expect(fact('2026-11-12 Steady Five: sleep the night before (check-in)')).toMatchObject({ value: 6.5, unit: 'h' });
    expect(fact('2026-11-05 Slow Five: sleep the night before')?.value).toBe('not recorded');
    expect(fact('average sleep before these best runs')?.value).toBe(7.38);
    // Four nights recorded in the window: 8.25, 6.5, 7 and 5.5 hours.
    expect(fact('typical sleep 2026-11-01 to 2026-11-21 (average of 4 nights)')?.value).toBe(6.81);
    expect(fact('difference: before best runs minus typical')?.value).toBe(0.56);
    expect(r.withheld).toEqual([{ source: 'strava', count: 1 }]);
    const text = toolResultText(r);
    for (const bad of ['Strava Rocket', g.ids.get('strava')!]) expect(text).not.toContain(bad);

    // An answer quoting the facts passes; one with a wrong number of hours is caught and its sentence removed.
    const good = 'Before your Fast Five on 2026-11-20 you slept 8.25 hours (Garmin), against a typical 6.81 h.';
    expect(checkClaims(good, [r], 'How did I sleep before my best runs?').check).toMatchObject({ outcome: 'ok' });
    const bad = `${good} Before the Steady Five you slept 7.5 hours.`;
    const caught = checkClaims(bad, [r], 'How did I sleep before my best runs?');
    expect(caught.check.outcome).toBe('removed');
    expect(caught.check.unmatched).toEqual([{ text: '7.5 hours', value: 27_000, unit: 'h' }]);
    expect(caught.cleaned).toBe(good);
  });

  it('wellness_days: each day’s values with their source and the averages; a wrong weight or HRV is caught', async () => {
    const h = Harness.init();
    const { deps, uses, ctx } = await world(h);
    const out = await runCoachTool(createCoachTools(deps), ctx, 'wellness_days', {
      from: '2026-11-10',
      fields: ['sleepHours', 'weight', 'hrvRmssd'],
    });
    if (!out.ok) throw new Error(out.error);
    const r: ToolResult = out.result;
    expect(uses).toEqual(['ai']);
    expect(r.window).toEqual({ from: '2026-11-10', to: '2026-11-21' });
    expect(r.facts).toEqual(
      expect.arrayContaining([
        { label: '2026-11-12 weight (check-in)', value: 70.4, unit: 'kg' },
        { label: '2026-11-12 HRV (rMSSD) (check-in)', value: 52, unit: 'ms' },
        { label: '2026-11-20 sleep (Garmin)', value: 8.25, unit: 'h' },
        { label: 'average weight 2026-11-10 to 2026-11-21 (2 days)', value: 70.6, unit: 'kg' },
      ]),
    );
    expect(r.facts.some((f) => f.label.includes('resting'))).toBe(false);
    expect(toolSummary(r)).toBe(`${r.facts.length} figures (2026-11-10 to 2026-11-21)`);
    const q = 'What was my weight and HRV last week?';
    expect(checkClaims('You weighed 70.4 kg on 2026-11-12 with an HRV of 52 ms.', [r], q).check.outcome).toBe('ok');
    for (const wrong of ['You weighed 72 kg on 2026-11-12.', 'Your HRV was 61 ms on 2026-11-12.', 'You weighed 160 lb.'])
      expect(checkClaims(wrong, [r], q).check.outcome, wrong).toBe('removed');

    const none = await runCoachTool(createCoachTools(deps), ctx, 'wellness_days', { from: '2026-10-01', to: '2026-10-14' });
    expect(none.ok && none.result.empty).toBe('No wellness recorded between 2026-10-01 and 2026-10-14 that the coach may use.');
    // Without the wellness service the tool says so rather than guessing.
    const bare = await runCoachTool(createCoachTools({ ...deps, wellness: undefined }), ctx, 'wellness_days', {});
    expect(bare.ok && bare.result.empty).toBe('Wellness is not available to the coach right now.');
    expect(NOW.toISOString().slice(0, 10)).toBe('2026-11-21');
  });
});
