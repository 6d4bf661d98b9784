// Fuelling over many random athletes (seeded): the carbohydrate caps, no planned mass gain, sodium low ≤ high, and
// the totals are the stops' sums, whatever the race, sweat tests, gut-training log and layout.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ABSOLUTE_MAX_G_PER_H, MULTI_SOURCE_MAX_G_PER_H, SINGLE_SOURCE_MAX_G_PER_H } from './carbs.calc';
import { type FuellingLayout, planFuelling } from './fuelling.calc';

const TODAY = '2026-11-29';
const day = fc.integer({ min: 0, max: 200 }).map((n) => new Date(Date.UTC(2026, 10, 29) - n * 86_400_000).toISOString().slice(0, 10));
const athlete = fc.record({
  distanceM: fc.double({ min: 1500, max: 100_000, noNaN: true }),
  speedMps: fc.double({ min: 1.2, max: 6.5, noNaN: true }),
  temperatureC: fc.option(fc.integer({ min: -10, max: 40 }), { nil: null }),
  tests: fc.array(
    fc.record({
      date: day,
      rateLPerH: fc.double({ min: 0, max: 4, noNaN: true }),
      temperatureC: fc.option(fc.integer({ min: -10, max: 40 }), { nil: null }),
      massBeforeKg: fc.double({ min: 40, max: 120, noNaN: true }),
    }),
    { maxLength: 8 },
  ),
  gut: fc.array(
    fc.record({
      date: day,
      carbsGPerH: fc.integer({ min: 0, max: 200 }),
      durationMin: fc.integer({ min: 10, max: 300 }),
      comfort: fc.integer({ min: 1, max: 5 }),
    }),
    { maxLength: 10 },
  ),
  layout: fc.oneof(
    fc.record({ kind: fc.constant('gels' as const), gramsPerGel: fc.integer({ min: 5, max: 100 }) }),
    fc.record({ kind: fc.constant('everyKm' as const), km: fc.double({ min: 0.5, max: 20, noNaN: true }) }),
  ),
});

describe('fuelling invariants over random athletes', () => {
  it('caps, no mass gain, sodium ordered, totals are the sums of the stops', () => {
    fc.assert(
      fc.property(athlete, (a) => {
        const layout: FuellingLayout =
          a.layout.kind === 'everyKm' && a.layout.km * 1000 >= a.distanceM ? { kind: 'gels', gramsPerGel: 25 } : a.layout;
        const answer = planFuelling({
          distanceM: a.distanceM,
          durationS: a.distanceM / a.speedMps,
          durationBasis: 'random',
          layout,
          sweatTests: a.tests.map((t, i) => ({ id: String(i), ...t })),
          raceTemperatureC: a.temperatureC,
          gutSessions: a.gut,
          today: TODAY,
        });
        if (!answer.ok) {
          // Only too many stops may refuse a valid athlete.
          expect(answer.error.message).toMatch(/At most|More than/);
          return;
        }
        const p = answer.plan;
        const c = p.carbs;
        expect(c.gPerH).toBeLessThanOrEqual(ABSOLUTE_MAX_G_PER_H);
        if (!c.gutTraining.trained) expect(c.gPerH).toBeLessThanOrEqual(MULTI_SOURCE_MAX_G_PER_H);
        expect(c.glucoseGPerH).toBeLessThanOrEqual(SINGLE_SOURCE_MAX_G_PER_H);
        expect(c.fructoseGPerH).toBeLessThanOrEqual(SINGLE_SOURCE_MAX_G_PER_H);
        expect(c.glucoseGPerH + c.fructoseGPerH).toBeCloseTo(c.gPerH, 9);
        if (c.gPerH > SINGLE_SOURCE_MAX_G_PER_H) expect(c.fructoseGPerH).toBeGreaterThan(0);

        const f = p.fluids;
        expect(f.lPerH.low).toBeGreaterThanOrEqual(0);
        expect(f.lPerH.low).toBeLessThanOrEqual(f.lPerH.high);
        if (f.sweat) expect(f.lPerH.high).toBeLessThanOrEqual(f.sweat.rateLPerH + 1e-12);
        else expect(f.lPerH.high).toBeLessThanOrEqual(0.8);
        expect(f.sodiumMgPerH.low).toBeLessThanOrEqual(f.sodiumMgPerH.high);

        let prev = 0;
        for (const s of p.stops) {
          expect(s.clockS).toBeGreaterThan(prev);
          expect(s.clockS).toBeLessThan(p.durationS);
          expect(s.distanceM).toBeLessThan(p.distanceM + 1e-6);
          expect(s.stretchS).toBeCloseTo(s.clockS - prev, 6);
          prev = s.clockS;
          const h = s.stretchS / 3600;
          expect(s.carbsG / h).toBeLessThanOrEqual(ABSOLUTE_MAX_G_PER_H + 1e-6);
          if (f.sweat) expect(s.fluidL.high / h).toBeLessThanOrEqual(f.sweat.rateLPerH + 1e-9);
          expect(s.sodiumMg.low).toBeLessThanOrEqual(s.sodiumMg.high);
        }
        const sum = (g: (s: (typeof p.stops)[number]) => number) => p.stops.reduce((x, s) => x + g(s), 0);
        expect(p.totals.carbsG).toBeCloseTo(
          sum((s) => s.carbsG),
          6,
        );
        expect(p.totals.fluidL.high).toBeCloseTo(
          sum((s) => s.fluidL.high),
          6,
        );
        expect(p.totals.sodiumMg.low).toBeCloseTo(
          sum((s) => s.sodiumMg.low),
          6,
        );
        expect(p.totals.fluidL.high / (p.durationS / 3600)).toBeLessThanOrEqual(f.sweat ? f.sweat.rateLPerH + 1e-9 : 0.8);
        expect(p.totals.carbsG).toBeLessThanOrEqual((c.gPerH * p.durationS) / 3600 + 1e-6);
      }),
      { seed: 56, numRuns: 2000 },
    );
  });
});
