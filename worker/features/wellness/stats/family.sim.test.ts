// The engine on synthetic athletes (issue 40's statistics tests): noise must not become findings, with or
// without autocorrelation, and planted effects must be found with the right sign. Seeded, so deterministic.
import { describe, expect, it } from 'vitest';
import { rankCorrelation } from './correlation.calc';
import { benjaminiYekutieli } from './fdr.calc';
import { mulberry32 } from '../../../lib/random';
import { type Question, testFamily } from './family.calc';

/** mulberry32: a small seeded generator, so every run sees the same athletes. */
function rng(seed: number) {
  const uniform = mulberry32(seed);
  const normal = () => {
    const u = Math.max(uniform(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
  return { uniform, normal };
}

/** An AR(1) series of unit variance: xₜ = φxₜ₋₁ + √(1−φ²)εₜ, started from its stationary distribution. */
function ar1(r: ReturnType<typeof rng>, n: number, phi: number): number[] {
  const out = [r.normal()];
  for (let i = 1; i < n; i++) out.push(phi * out[i - 1]! + Math.sqrt(1 - phi * phi) * r.normal());
  return out;
}

const INPUTS = 8;
const OUTCOMES = 5; // 8 × 5 = 40 questions, sharing inputs and outcomes as the real family does

/** One athlete's family; `plant` makes question 0 a true effect of Spearman ρ on independent days. */
function athlete(seed: number, days: number, phi: number, plant?: number): Question[] {
  const r = rng(seed);
  const xs = Array.from({ length: INPUTS }, () => ar1(r, days, phi));
  const ys = Array.from({ length: OUTCOMES }, () => ar1(r, days, phi));
  if (plant !== undefined) {
    // Pearson r giving Spearman ρ for bivariate normal data: r = 2 sin(πρ/6).
    const pr = 2 * Math.sin((Math.PI * plant) / 6);
    ys[0] = xs[0]!.map((x, i) => pr * x + Math.sqrt(1 - pr * pr) * ys[0]![i]!);
  }
  return xs.flatMap((x, i) => ys.map((y, j) => ({ key: `x${i}:y${j}`, x, y })));
}

const ATHLETES = 200;
const anyFinding = (qs: Question[]) => testFamily(qs).some((r) => r.status === 'finding');

describe('noise-only athletes', () => {
  for (const phi of [0, 0.6])
    it(`at most 5 % show any finding (AR(1) φ = ${phi}, 90 days, 40 questions)`, () => {
      let withFinding = 0;
      for (let a = 0; a < ATHLETES; a++) if (anyFinding(athlete(1000 + a, 90, phi))) withFinding++;
      expect(withFinding).toBeLessThanOrEqual(ATHLETES * 0.05);
    });

  it('would not hold without the autocorrelation correction (the naive test on the same athletes)', () => {
    let naive = 0;
    for (let a = 0; a < ATHLETES; a++) {
      const qs = athlete(1000 + a, 90, 0.6);
      const ps = qs.map((q) => rankCorrelation(q.x, q.y)!.p);
      if (benjaminiYekutieli(ps, 0.05).size > 0) naive++;
    }
    expect(naive).toBeGreaterThan(ATHLETES * 0.05);
  });
});

describe('planted effects', () => {
  const run = (rho: number, days: number) => {
    let right = 0;
    let wrong = 0;
    for (let a = 0; a < ATHLETES; a++) {
      const results = testFamily(athlete(5000 + a, days, 0, rho));
      for (const res of results)
        if (res.status === 'finding') {
          if (res.key === 'x0:y0' && res.correlation.rho > 0) right++;
          else if (res.key === 'x0:y0') wrong++;
        }
    }
    return { right, wrong };
  };

  it('finds ρ = 0.5 over 90 days with the right sign in ≥ 85 % of athletes', () => {
    const { right, wrong } = run(0.5, 90);
    expect(right).toBeGreaterThanOrEqual(ATHLETES * 0.85);
    expect(wrong).toBe(0);
  });

  it('finds ρ = 0.4 over 180 days with the right sign in ≥ 90 % of athletes', () => {
    const { right, wrong } = run(0.4, 180);
    expect(right).toBeGreaterThanOrEqual(ATHLETES * 0.9);
    expect(wrong).toBe(0);
  });
});
