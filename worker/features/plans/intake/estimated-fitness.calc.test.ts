// The steady-state estimate against the PMC recurrence computed here independently.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import { estimatedFitness, MIN_ESTIMATE_DAYS } from './estimated-fitness.calc';

/** `days` days of load from a zero start (`load` on each `every`th of them), ending the day before `today`; today empty. */
function series(days: number, load: number, today: string, every = 1) {
  const out = [];
  let ctl = 0;
  let atl = 0;
  for (let i = days; i >= 0; i--) {
    const l = i === 0 || (days - i) % every ? 0 : load;
    ctl += (l - ctl) / 42;
    atl += (l - atl) / 7;
    out.push({ date: addDays(today, -i), load: l, ctl, atl });
  }
  return out;
}

describe('estimatedFitness', () => {
  const today = '2026-11-25';
  it('a steady month reads its daily load as CTL; ATL, settled after 21 days, stays measured', () => {
    const s = series(30, 77, today);
    const e = estimatedFitness(s, addDays(today, -30), today)!;
    expect(e).toMatchObject({ ctl: 77, days: 30 });
    expect(e.atl).toBeCloseTo(s.at(-1)!.atl, 1);
    // The zero-started CTL it replaces: about half.
    expect(s.at(-1)!.ctl).toBeLessThan(40);
  });

  it('rest days count as zero, ATL is the steady state too before it settles, and under two weeks nothing is estimated', () => {
    const s = series(16, 70, today, 2);
    expect(estimatedFitness(s, addDays(today, -16), today)).toMatchObject({ ctl: 35, atl: 35, days: 16 });
    expect(estimatedFitness(s, addDays(today, -(MIN_ESTIMATE_DAYS - 1)), today)).toBeNull();
    expect(estimatedFitness(s, null, today)).toBeNull();
  });
});
