// The prediction's answer for known athletes: states, receipts, the marathon evidence, past errors.
import { describe, expect, it } from 'vitest';
import { predictFinish } from './predict.calc';
import { best, FIVE_K, HALF, MARATHON, TEN_K, TODAY } from './races.testing';
import type { Prediction, PredictionInput } from './races.types';

const race = (distanceM: number) => ({ distanceM, date: '2027-03-07' });
const volume = { kmPerWeek: 50, weeksWithData: 8, ofWeeks: 8 };
const three = [best(FIVE_K, 1200), best(TEN_K, 2490), best(HALF, 5500)];

function predicted(input: PredictionInput) {
  const p = predictFinish(input);
  if (p.state !== 'predicted') throw new Error(`expected a prediction, got ${p.state}`);
  return p;
}
const width = (p: Extract<Prediction, { state: 'predicted' }>) => (p.range.high - p.range.low) / p.range.mid;

describe('predictFinish', () => {
  it('says "not enough data yet" when no best is recent, and lists why each was left out', () => {
    const p = predictFinish({ race: race(HALF), today: TODAY, bests: [best(FIVE_K, 1200, 400)] });
    expect(p).toMatchObject({ state: 'notEnoughData', excluded: [{ reason: 'older than 180 days: aged out' }] });
    expect(predictFinish({ race: race(HALF), today: TODAY, bests: [] }).state).toBe('notEnoughData');
  });

  it('refuses races outside 1500 m – marathon', () => {
    expect(predictFinish({ race: race(800), today: TODAY, bests: three }).state).toBe('unsupported');
    expect(predictFinish({ race: race(100000), today: TODAY, bests: three }).state).toBe('unsupported');
  });

  it('predicts a half from a 20:00 5 km alone near Daniels’ 1:31:49, widely, and says it is thin', () => {
    const p = predicted({ race: race(HALF), today: TODAY, bests: [best(FIVE_K, 1200)], volume });
    expect(p.methods.find((m) => m.method === 'vdot')).toMatchObject({ ran: true, receipts: { bests: [{ distanceM: FIVE_K }] } });
    const vdot = p.methods.find((m) => m.method === 'vdot');
    expect(vdot?.ran && Math.abs(vdot.timeS - 5509)).toBeLessThan(30);
    expect(p.methods.find((m) => m.method === 'riegel')).toMatchObject({ receipts: { exponent: { source: 'population' } } });
    expect(p.methods.find((m) => m.method === 'criticalSpeed')).toMatchObject({ ran: false, reason: expect.any(String) });
    expect(p.widenings.map((w) => w.kind)).toContain('thinHistory');
    expect(p.range.low).toBeLessThan(p.range.mid);
    expect(p.range.high).toBeGreaterThan(p.range.mid);
    expect(width(p)).toBeGreaterThan(0.15);
  });

  it('fits the exponent from three bests and shows every method’s receipts and the spread', () => {
    const cs = { csMps: 4.3, dPrimeM: 180, date: '2026-11-23' };
    const p = predicted({ race: race(MARATHON), today: TODAY, bests: three, volume, criticalSpeed: cs });
    const riegel = p.methods.find((m) => m.method === 'riegel');
    expect(riegel).toMatchObject({ ran: true, receipts: { exponent: { source: 'fitted' } } });
    expect(riegel?.ran && riegel.receipts.bests).toHaveLength(3);
    const vdot = p.methods.find((m) => m.method === 'vdot');
    expect(vdot?.ran && vdot.receipts.vdot?.byBest).toHaveLength(3);
    expect(p.methods.find((m) => m.method === 'criticalSpeed')).toMatchObject({
      ran: true,
      receipts: { criticalSpeed: { csMps: 4.3, fraction: expect.any(Number) } },
    });
    const times = p.methods.flatMap((m) => (m.ran ? [m.timeS] : []));
    expect(p.spread).toBeCloseTo((Math.max(...times) - Math.min(...times)) / p.range.mid, 9);
    expect(p.range.low).toBeLessThan(Math.min(...times));
  });

  it('sets a marathon slower than Riegel and VDOT say, by a stated amount that shrinks with volume', () => {
    const at = (kmPerWeek: number) => predicted({ race: race(MARATHON), today: TODAY, bests: three, volume: { ...volume, kmPerWeek } });
    expect(at(30).shift?.factor).toBe(1.04);
    expect(at(50).shift?.factor).toBe(1.02);
    expect(at(80).shift?.factor).toBe(1.01);
    expect(at(30).shift?.why).toMatch(/Vickers & Vertosick/);
    expect(at(30).range.mid).toBeGreaterThan(at(80).range.mid);
    expect(at(30).widenings.map((w) => w.kind)).toEqual(expect.arrayContaining(['marathon', 'lowVolume']));
    expect(predicted({ race: race(HALF), today: TODAY, bests: three, volume }).shift).toBeNull();
  });

  it('excludes an absurd best with its reason and predicts from the others', () => {
    const absurd = best(TEN_K, 1400, 2, 'gps-jump');
    const p = predicted({ race: race(HALF), today: TODAY, bests: [...three, absurd], volume });
    expect(p.excluded).toEqual([{ best: absurd, reason: expect.stringMatching(/world record/) }]);
    expect(p.used.map((b) => b.activityId)).not.toContain('gps-jump');
  });

  it('widens for untapered race-day form and shows the form', () => {
    const tired = predicted({ race: race(HALF), today: TODAY, bests: three, volume, form: { tsb: -25, ctl: 60 } });
    const fresh = predicted({ race: race(HALF), today: TODAY, bests: three, volume, form: { tsb: 10, ctl: 60 } });
    expect(tired.form).toEqual({ tsb: -25, ctl: 60 });
    expect(width(tired)).toBeGreaterThan(width(fresh));
  });

  it('shows past races’ errors at this distance, newest first', () => {
    const pastRaces = [
      { distanceM: HALF, date: '2026-04-12', actualS: 5700, predicted: { low: 5300, mid: 5500, high: 5800 } },
      { distanceM: TEN_K, date: '2026-06-01', actualS: 2500, predicted: { low: 2400, mid: 2450, high: 2550 } },
      { distanceM: 21100, date: '2026-09-20', actualS: 5350, predicted: { low: 5400, mid: 5550, high: 5800 } },
    ];
    const p = predicted({ race: race(HALF), today: TODAY, bests: three, volume, pastRaces });
    expect(p.pastErrors.map((e) => [e.date, e.errorS, e.inRange])).toEqual([
      ['2026-09-20', -200, false],
      ['2026-04-12', 200, true],
    ]);
    expect(p.pastErrors[1]!.errorPct).toBeCloseTo((200 / 5500) * 100, 9);
  });
});
