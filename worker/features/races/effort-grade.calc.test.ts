// The equal-effort grade model and the course profile it reads grades from.
import { describe, expect, it } from 'vitest';
import { COURSE_SMOOTH_HALF_M, courseProfile, effortCost, MAX_COURSE_GRADE } from './effort-grade.calc';

/** Minetti et al. (2002), relative to the flat: the lab curve we do not pace by (kept here to show the difference). */
const minetti = (i: number) => (((((155.4 * i - 30.4) * i - 43.3) * i + 46.3) * i + 19.5) * i + 3.6) / 3.6;

describe('effortCost', () => {
  it('has the equal-heart-rate shape: flat 1, cheapest ≈ 0.876 near −8.5 %, flat cost again near −17 %, ≈ 1.46 at +10 %', () => {
    expect(effortCost(0)).toBe(1);
    let best = 0;
    for (let g = -0.25; g <= 0.25; g += 0.001) if (effortCost(g) < effortCost(best)) best = g;
    expect(best).toBeCloseTo(-0.085, 2);
    expect(effortCost(best)).toBeCloseTo(0.876, 3);
    expect(effortCost(-0.17)).toBeCloseTo(1, 2);
    expect(effortCost(0.1)).toBeCloseTo(1.46, 2);
  });

  it('plans descents slower than Minetti: at −10 % 0.88 of the flat time, not 0.60; at −20 % 1.10, not 0.50', () => {
    expect(effortCost(-0.1)).toBeCloseTo(0.88, 2);
    expect(minetti(-0.1)).toBeCloseTo(0.6, 2);
    expect(effortCost(-0.2)).toBeCloseTo(1.1, 2);
    expect(minetti(-0.2)).toBeCloseTo(0.5, 2);
  });

  it('stays within 1.8 % of the public reproduction of Strava’s curve from −20 % to +20 % (specialsauce, MIT)', () => {
    // aaron-schroeder/specialsauce, specialsauce/sources/strava.py: Strava's factor read back from synthetic uploads.
    const strava: [number, number][] = [
      [-20, 1.081],
      [-15, 0.941],
      [-10, 0.876],
      [-8, 0.876],
      [-6, 0.891],
      [-4, 0.918],
      [-2, 0.96],
      [0, 1],
      [2, 1.055],
      [4, 1.135],
      [6, 1.228],
      [8, 1.337],
      [10, 1.459],
      [15, 1.846],
      [20, 2.297],
    ];
    for (const [pct, factor] of strava) expect(Math.abs(effortCost(pct / 100) / factor - 1), `${pct} %`).toBeLessThan(0.018);
  });

  it('clamps grades to ±25 %', () => {
    expect(effortCost(0.9)).toBe(effortCost(MAX_COURSE_GRADE));
    expect(effortCost(-0.9)).toBe(effortCost(-MAX_COURSE_GRADE));
  });
});

describe('courseProfile', () => {
  it('is flat without a course', () => {
    const p = courseProfile(null, 5000);
    if ('reason' in p) throw new Error(p.message);
    expect(p.elevationM.every((e) => e === 0)).toBe(true);
    expect(p.stepM * (p.elevationM.length - 1)).toBeCloseTo(5000, 9);
  });

  it('keeps a steady slope exactly and spreads a one-point spike over the ±50 m window', () => {
    const slope = courseProfile(
      [
        { distanceM: 0, elevationM: 0 },
        { distanceM: 5000, elevationM: 150 },
      ],
      5000,
    );
    if ('reason' in slope) throw new Error(slope.message);
    for (let k = 0; k < slope.elevationM.length; k++) expect(slope.elevationM[k]).toBeCloseTo(0.03 * k * slope.stepM, 9);
    const spiky = courseProfile(
      [
        { distanceM: 0, elevationM: 0 },
        { distanceM: 2490, elevationM: 0 },
        { distanceM: 2500, elevationM: 110 },
        { distanceM: 2510, elevationM: 0 },
        { distanceM: 5000, elevationM: 0 },
      ],
      5000,
    );
    if ('reason' in spiky) throw new Error(spiky.message);
    // 110 m on one point of 2·50/10 + 1 = 11 in the window: 10 m left at the peak, instead of a 1100 % grade.
    const half = Math.round(COURSE_SMOOTH_HALF_M / spiky.stepM);
    expect(Math.max(...spiky.elevationM)).toBeCloseTo(110 / (2 * half + 1), 9);
  });

  it('lays a course starting at 1200 m on its own odometer onto the race', () => {
    const p = courseProfile(
      [
        { distanceM: 1200, elevationM: 10 },
        { distanceM: 11100, elevationM: 60 },
      ],
      10000,
    );
    if ('reason' in p) throw new Error(p.message);
    expect(p.courseLengthM).toBe(9900);
    expect(p.elevationM.at(-1)).toBeCloseTo(60, 9);
  });
});
