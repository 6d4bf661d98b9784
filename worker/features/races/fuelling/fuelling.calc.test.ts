// Worked examples of the fuelling core: the bands, gut training, a sweat test's rate, fluids and sodium, the layouts.
import { describe, expect, it } from 'vitest';
import { carbPlan, type GutSession, gutTrainingOf } from './carbs.calc';
import { chooseSweatRate, fluidPlan, type SweatTest, sweatRateOf } from './fluids.calc';
import { planFuelling } from './fuelling.calc';

const TODAY = '2026-11-29';
const gut = (date: string, carbsGPerH: number, comfort = 4, durationMin = 120): GutSession => ({ date, carbsGPerH, durationMin, comfort });
const test = (id: string, date: string, rateLPerH: number, temperatureC: number | null = null, massBeforeKg = 70): SweatTest => ({
  id,
  date,
  rateLPerH,
  temperatureC,
  massBeforeKg,
});
const ok = (a: ReturnType<typeof planFuelling>) => {
  if (!a.ok) throw new Error(a.error.message);
  return a.plan;
};

describe('carbohydrate bands (Jeukendrup 2014)', () => {
  it.each([
    [20 * 60, 0],
    [60 * 60, 0],
    [90 * 60, 30],
    [2.25 * 3600, 60],
    [3.5 * 3600, 90],
  ])('%i s → %i g/h', (s, g) => {
    const p = carbPlan(s, [], TODAY);
    expect(p.gPerH).toBe(g);
    expect(p.glucoseGPerH).toBeLessThanOrEqual(60);
  });

  it('90 g/h is glucose 60 with fructose 30 (2:1)', () => {
    const p = carbPlan(4 * 3600, [], TODAY);
    expect([p.glucoseGPerH, p.fructoseGPerH]).toEqual([60, 30]);
    expect(p.basis.join(' ')).toMatch(/only after gut training/);
  });

  it('three comfortable sessions at ≥ 80 g/h in 12 weeks raise it to the most trained, capped at 120', () => {
    const log = [gut('2026-11-20', 100), gut('2026-11-10', 110), gut('2026-10-01', 85)];
    expect(carbPlan(4 * 3600, log, TODAY).gPerH).toBe(110);
    expect(carbPlan(4 * 3600, [...log, gut('2026-11-25', 140)], TODAY).gPerH).toBe(120);
    const p = carbPlan(4 * 3600, log, TODAY);
    expect([p.glucoseGPerH, p.fructoseGPerH]).toEqual([60, 50]);
  });

  it('sessions with severe GI trouble, too old, too short or too low do not count', () => {
    const log = [gut('2026-11-20', 100, 2), gut('2026-08-01', 100), gut('2026-11-10', 100, 5, 30), gut('2026-11-11', 70)];
    expect(gutTrainingOf(log, TODAY).trained).toBe(false);
    expect(gutTrainingOf(log, TODAY).qualifying).toHaveLength(0);
    expect(carbPlan(4 * 3600, log, TODAY).gPerH).toBe(90);
  });

  it('gut training does not raise a shorter race above its band', () => {
    const log = [gut('2026-11-20', 100), gut('2026-11-10', 110), gut('2026-10-01', 85)];
    expect(carbPlan(100 * 60, log, TODAY).gPerH).toBe(30);
  });
});

describe('sweat rate', () => {
  it('(before − after + drunk − urine) ÷ hours: 70.0 → 69.2 kg, 0.5 L drunk, 0.1 L urine over 60 min is 1.2 L/h', () => {
    const r = sweatRateOf({ durationMin: 60, massBeforeKg: 70, massAfterKg: 69.2, fluidL: 0.5, urineL: 0.1 });
    expect('lPerH' in r && r.lPerH).toBeCloseTo(1.2, 9);
  });

  it('names the field for a mass gain beyond the drink and for an implausible rate', () => {
    expect(sweatRateOf({ durationMin: 60, massBeforeKg: 70, massAfterKg: 71, fluidL: 0.5 })).toMatchObject({
      error: { field: 'massAfterKg' },
    });
    expect(sweatRateOf({ durationMin: 30, massBeforeKg: 70, massAfterKg: 67, fluidL: 0 })).toMatchObject({
      error: { field: 'massAfterKg', message: expect.stringMatching(/6\.00 L\/h/) },
    });
    expect(sweatRateOf({ durationMin: 5, massBeforeKg: 70, massAfterKg: 69, fluidL: 0 })).toMatchObject({
      error: { field: 'durationMin' },
    });
    expect(sweatRateOf({ durationMin: 60, massBeforeKg: 70, massAfterKg: 69, fluidL: -1 })).toMatchObject({ error: { field: 'fluidL' } });
  });

  it('the plan uses the median of the newest 5, or of those within ±5 °C of the race', () => {
    const tests = [
      test('a', '2026-11-01', 1.0, 10),
      test('b', '2026-10-01', 1.4, 28),
      test('c', '2026-09-01', 1.6, 30),
      test('d', '2026-08-01', 0.8, 12),
    ];
    expect(chooseSweatRate(tests, null)?.rateLPerH).toBeCloseTo(1.2, 9);
    const hot = chooseSweatRate(tests, 29)!;
    expect(hot.rateLPerH).toBeCloseTo(1.5, 9);
    expect(hot.used.map((t) => t.id)).toEqual(['b', 'c']);
    expect(chooseSweatRate(tests, 0)!.basis).toMatch(/none within ±5 °C/);
    expect(chooseSweatRate([], null)).toBeNull();
  });
});

describe('fluids and sodium', () => {
  it('a 3:30 marathon at 1.2 L/h and 70 kg: drink (4.2 − 1.4) ÷ 3.5 = 0.8 L/h; sodium 0.8 × 18–71 × 23 mg/h', () => {
    const f = fluidPlan(3.5 * 3600, chooseSweatRate([test('a', '2026-11-01', 1.2)], null));
    expect(f.lPerH.low).toBeCloseTo(0.8, 9);
    expect(f.sodiumMgPerH.low).toBeCloseTo(0.8 * 18 * 23, 6);
    expect(f.sodiumMgPerH.high).toBeCloseTo(0.8 * 71 * 23, 6);
    expect(f.measured).toBe(true);
  });

  it('a 45 min 10 km loses less than 2 %: nothing planned', () => {
    expect(fluidPlan(45 * 60, chooseSweatRate([test('a', '2026-11-01', 1.2)], null)).lPerH.high).toBe(0);
  });

  it('without a test: the conservative ad-libitum default, said so', () => {
    const f = fluidPlan(2 * 3600, null);
    expect(f.lPerH).toEqual({ low: 0.4, high: 0.8 });
    expect(f.basis[0]).toMatch(/No sweat test yet: a conservative default/);
  });
});

describe('the layout', () => {
  const base = { distanceM: 42195, durationS: 4 * 3600, durationBasis: 'the prediction', sweatTests: [], gutSessions: [], today: TODAY };

  it('aid stations every 5 km of a 4 h marathon: 8 stops, each covering its stretch at 90 g/h', () => {
    const p = ok(planFuelling({ ...base, layout: { kind: 'everyKm', km: 5 } }));
    expect(p.stops.map((s) => s.distanceM)).toEqual([5000, 10000, 15000, 20000, 25000, 30000, 35000, 40000]);
    expect(p.stops[0]!.clockS).toBeCloseTo((4 * 3600 * 5000) / 42195, 6);
    expect(p.stops[0]!.carbsG).toBeCloseTo((90 * p.stops[0]!.clockS) / 3600, 6);
    expect(p.totals.carbsG).toBeCloseTo((90 * p.stops.at(-1)!.clockS) / 3600, 6);
  });

  it('a 25 g gel at 90 g/h every 16:40, the clock from a pace plan', () => {
    const pace = [
      { distanceM: 21097.5, clockS: 7000 },
      { distanceM: 42195, clockS: 14400 },
    ];
    const p = ok(planFuelling({ ...base, durationS: undefined, pace, layout: { kind: 'gels', gramsPerGel: 25 } }));
    expect(p.durationS).toBe(14400);
    expect(p.stops).toHaveLength(14);
    expect(p.stops[0]!.clockS).toBeCloseTo(1000, 9);
    expect(p.stops[0]!.distanceM).toBeCloseTo((21097.5 * 1000) / 7000, 6);
    expect(p.stops[7]!.distanceM).toBeCloseTo(21097.5 + ((8000 - 7000) * 21097.5) / 7400, 6);
    expect(p.totals.carbsG).toBe(14 * 25);
  });

  it('a 5 km has no gels and says so', () => {
    const p = ok(planFuelling({ ...base, distanceM: 5000, durationS: 1200, layout: { kind: 'gels', gramsPerGel: 25 } }));
    expect(p.stops).toEqual([]);
    expect(p.notes[0]).toMatch(/No gel/);
  });

  it('bad inputs name their field', () => {
    const bad = (over: Partial<Parameters<typeof planFuelling>[0]>) => {
      const a = planFuelling({ ...base, layout: { kind: 'everyKm', km: 5 }, ...over });
      return a.ok ? null : a.error.field;
    };
    expect(bad({ layout: { kind: 'aidStations', km: [5, 50] } })).toBe('aidStationsKm');
    expect(bad({ layout: { kind: 'aidStations', km: [10, 5] } })).toBe('aidStationsKm');
    expect(bad({ layout: { kind: 'everyKm', km: 0 } })).toBe('everyKm');
    expect(bad({ layout: { kind: 'gels', gramsPerGel: 2 } })).toBe('carbsPerGel');
    expect(bad({ durationS: -1 })).toBe('durationS');
    expect(
      bad({
        pace: [
          { distanceM: 10, clockS: 5 },
          { distanceM: 5, clockS: 9 },
        ],
      }),
    ).toBe('pace');
    expect(bad({ raceTemperatureC: 80 })).toBe('temperatureC');
  });
});
