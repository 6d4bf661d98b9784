// Hand-checked race-day form in the taper (issue 58, ADR 103): race Sunday 13 December 2026, read on Monday the 7th.
// CTL/ATL by analytics' recurrence (k = 1 − e^(−1/42), 1 − e^(−1/7)); TSB on the race morning, before its load.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import { state, wk } from './adapt.fixtures';
import { replan } from './replan.calc';
import { projectRaceTsb, taperForm } from './taper-form.calc';

const TODAY = '2026-12-07';
const RACE = '2026-12-13';
const LAST = addDays(RACE, -3);
/** Easy 60 on Tuesday to Thursday, Friday off, Saturday's 20, the race 150. */
const taper = [
  wk('tue', '2026-12-08', 'easy', 60),
  wk('wed', '2026-12-09', 'easy', 60),
  wk('thu', '2026-12-10', 'easy', 60),
  wk('sat', '2026-12-12', 'easy', 20),
  wk('race', RACE, 'race_pace', 150),
];

describe('race-day form in the taper', () => {
  it('projects the race morning from tonight’s fitness over what is still planned', () => {
    expect(projectRaceTsb({ ctl: 50, atl: 55 }, TODAY, RACE, taper)).toBeCloseTo(3.5, 1);
  });

  it('shortens the easy sessions by the least cut that lands it at +7 (the floor and the aim margin)', () => {
    // 10 % → 4.7, 20 % → 5.9, 30 % → 7.0.
    expect(taperForm({ ctl: 50, atl: 55 }, TODAY, RACE, LAST, taper)).toEqual({
      projected: 3.5,
      after: 7,
      percent: 30,
      workoutIds: ['tue', 'wed', 'thu'],
    });
  });

  it('takes the most (half) when no cut reaches the aim, and nothing while form is in the band or above', () => {
    // 50 % → 4.9: still short of +5, the most the rule takes.
    expect(taperForm({ ctl: 45, atl: 55 }, TODAY, RACE, LAST, taper)).toMatchObject({ projected: -0.9, after: 4.9, percent: 50 });
    expect(taperForm({ ctl: 50, atl: 50 }, TODAY, RACE, LAST, taper)).toBeNull();
    expect(taperForm({ ctl: 50, atl: 55 }, RACE, RACE, LAST, taper)).toBeNull();
  });

  it('is proposed in the taper after a session, never on the race’s last days', () => {
    // The fixture's taper: Wednesday 30 and Thursday 25 are eligible; Saturday (the 12th) is protected. 4.8 → 6.7.
    const [p, ...rest] = replan(state({ today: TODAY, fitness: { ctl: 45, atl: 55 } }), { kind: 'completed', workoutId: 'c-mon' });
    expect(rest).toEqual([]);
    expect(p).toMatchObject({
      key: 'completed:c-mon:taper_form',
      steps: [
        { kind: 'adjust', workoutId: 'c-wed', percent: -50 },
        { kind: 'adjust', workoutId: 'c-thu', percent: -50 },
      ],
      small: false,
    });
    expect(p!.reason).toContain('would be 4.8 (TSB), below the +5 to +15');
    expect(replan(state({ fitness: { ctl: 45, atl: 55 } }), { kind: 'completed', workoutId: 'b-wed' })).toEqual([]);
  });
});
