// Hand-checked weeks for the engine (issue 58): one trigger of each kind on adapt.fixtures' plan, and the guards
// for the race day, the taper and the ramp.
import { describe, expect, it } from 'vitest';
import { RACE, state, WEEK_B, wk, workouts } from './adapt.fixtures';
import type { SessionOutcome } from './targets.calc';
import { replan } from './replan.calc';

const off = (workoutId: string, date: string): SessionOutcome => ({
  workoutId,
  date,
  type: 'intervals',
  verdict: 'off',
  side: 'below',
  rpe: 9,
});

describe('a missed session', () => {
  it('moves within its week in place of an easy run: small, with its reason', () => {
    // Wednesday 2 December: Thursday holds a key session, Friday is off, Saturday is free of hard neighbours.
    // Week B: 40 + 80 + 120 + 70 (Saturday's 40 replaced) = 310 ≤ week A's 300 × 1.1.
    const [p, ...rest] = replan(state(), { kind: 'missed', workoutId: 'b-tue' });
    expect(rest).toEqual([]);
    expect(p).toMatchObject({
      key: 'missed:b-tue',
      steps: [
        { kind: 'move', workoutId: 'b-tue', date: '2026-12-05' },
        { kind: 'skip', workoutId: 'b-sat' },
      ],
      receipts: ['b-tue', 'b-sat'],
      small: true,
    });
    expect(p!.reason).toMatch(/^You missed your intervals session of 2026-12-01\. Moved to 2026-12-05 in place of/);
  });

  it('is dropped with a note when the move would break the ramp (the ramp guard)', () => {
    // Week A carries 250 (Sunday's long run 40): 310 > 250 × 1.1 = 275.
    const ws = workouts().map((w) => (w.id === 'a-sun' ? { ...w, load: 40 } : w));
    const [p] = replan(state({ workouts: ws }), { kind: 'missed', workoutId: 'b-tue' });
    expect(p).toMatchObject({ key: 'missed:b-tue', steps: [], small: false });
    expect(p!.reason).toContain('rise more than 10 % over the last');
  });

  it('is not made up while the athlete comes back from an illness', () => {
    const health = [{ id: 'n1', kind: 'illness' as const, from: '2026-11-30', to: '2026-12-01' }];
    const [p] = replan(state({ health }), { kind: 'missed', workoutId: 'b-tue' });
    expect(p).toMatchObject({ steps: [], reason: expect.stringContaining('coming back from an illness') });
  });

  it('needs nothing when the workout was not missed', () => {
    expect(replan(state(), { kind: 'missed', workoutId: 'b-thu' })).toEqual([]);
    expect(replan(state(), { kind: 'missed', workoutId: 'nope' })).toEqual([]);
  });
});

describe('a completed session', () => {
  const ws = [...workouts(), wk('b-fri', '2026-12-04', 'intervals', 60)];
  const outcomes = [off('a-tue', '2026-11-24'), off('b-mon', '2026-11-30')];

  it('lowers the coming targets of that kind by 3 %, never in the race week', () => {
    // Intervals planned within 14 days of 2 December: Friday 4th (build) and Tuesday 8th (the taper's last week).
    const [p] = replan(state({ workouts: ws, outcomes }), { kind: 'completed', workoutId: 'b-mon' });
    expect(p).toMatchObject({
      key: 'completed:b-mon:lower_target',
      steps: [{ kind: 'retarget', workoutId: 'b-fri', percent: -3 }],
      receipts: ['b-mon', 'a-tue', 'b-fri'],
      small: true,
    });
  });

  it('suggests a threshold check as a note, and says nothing for a session the advice does not rest on', () => {
    const easy = (id: string, date: string): SessionOutcome => ({
      workoutId: id,
      date,
      type: 'easy',
      verdict: 'partly',
      side: 'above',
      rpe: 3,
    });
    const three = [easy('e1', '2026-11-25'), easy('e2', '2026-11-28'), easy('e3', '2026-12-02')];
    expect(replan(state({ outcomes: three }), { kind: 'completed', workoutId: 'e3' })).toMatchObject([
      { key: 'completed:e3:check_thresholds', steps: [], small: false },
    ]);
    expect(replan(state({ workouts: ws, outcomes }), { kind: 'completed', workoutId: 'a-wed' })).toEqual([]);
  });
});

describe('an unplanned session', () => {
  const today = '2026-12-03';
  it('drops the easy run that cannot keep 20 minutes, then makes the hard one easy', () => {
    // Done 40 + 150 = 190; left 80 + 40 + 120 = 240; cap 330: 100 over. Saturday would need 113 of 45 minutes cut.
    const unplanned = [{ activityId: 'ride', date: '2026-12-02', load: 150 }];
    const [p] = replan(state({ today, unplanned }), { kind: 'unplanned', activityId: 'ride' });
    expect(p).toMatchObject({
      key: 'unplanned:ride',
      steps: [
        { kind: 'skip', workoutId: 'b-sat' },
        { kind: 'replace', workoutId: 'b-thu', type: 'easy' },
      ],
      small: false,
    });
    expect(p!.reason).toContain('brought this week to 190 so far');
  });

  it('shortens an easy run by a whole percent', () => {
    // 100 + 240 = 340: 10 over; 12 minutes off Saturday's 45 (33 kept): −27 %.
    const unplanned = [{ activityId: 'ride', date: '2026-12-02', load: 60 }];
    expect(replan(state({ today, unplanned }), { kind: 'unplanned', activityId: 'ride' })[0]!.steps).toEqual([
      { kind: 'adjust', workoutId: 'b-sat', percent: -27 },
    ]);
  });

  it('needs nothing while the week keeps its ramp', () => {
    const unplanned = [{ activityId: 'jog', date: '2026-12-02', load: 20 }];
    expect(replan(state({ today, unplanned }), { kind: 'unplanned', activityId: 'jog' })).toEqual([]);
  });
});

describe('low readiness', () => {
  it('makes the next hard session easy after two low mornings', () => {
    expect(replan(state({ mornings: [false, true, true] }), { kind: 'readiness', day: '2026-12-02' })).toMatchObject([
      { key: 'readiness:2026-12-02', steps: [{ kind: 'replace', workoutId: 'b-thu', type: 'easy' }], small: false },
    ]);
    expect(replan(state({ mornings: [true, false] }), { kind: 'readiness', day: '2026-12-02' })).toEqual([]);
  });

  it('never touches the race day (the event-day guard)', () => {
    // 10 December: the next hard session of the week is the race itself, on the 13th.
    const s = state({ today: '2026-12-10', mornings: [true, true] });
    expect(replan(s, { kind: 'readiness', day: '2026-12-10' })).toEqual([]);
  });
});

describe('the taper guard', () => {
  it('never carries a missed session past its week, and makes none up in the taper', () => {
    // Sunday 6 December: Tuesday's session missed, the week is over; nothing may go to week C.
    const [p] = replan(state({ today: '2026-12-06' }), { kind: 'missed', workoutId: 'b-tue' });
    expect(p!.steps).toEqual([]);
    const taperMissed = workouts().map((w) => (w.id === 'c-tue' ? { ...w, status: 'missed' as const } : w));
    const [q] = replan(state({ today: '2026-12-09', workouts: taperMissed }), { kind: 'missed', workoutId: 'c-tue' });
    expect(q).toMatchObject({ steps: [], reason: expect.stringContaining('In the taper') });
  });
});

describe('health, thresholds and a moved race', () => {
  it('skips the days of an illness and eases the way back', () => {
    const health = [{ id: 'n1', kind: 'illness' as const, from: '2026-12-02', to: '2026-12-03' }];
    const [p] = replan(state({ health }), { kind: 'health', noteId: 'n1' });
    // Skipped: Thursday 3rd. Re-entry 3 days (to the 6th): no hard session; the first after it, the 8th, −20 %.
    expect(p).toMatchObject({
      key: 'health:n1:2026-12-03',
      steps: [
        { kind: 'skip', workoutId: 'b-thu' },
        { kind: 'adjust', workoutId: 'c-tue', percent: -20 },
      ],
    });
    expect(replan(state(), { kind: 'health', noteId: 'n1' })).toEqual([]);
  });

  it('notes a new threshold, and asks for a check when it fell more than 5 %', () => {
    const up = replan(state(), { kind: 'threshold', metric: 'FTP', from: 250, to: 258, day: '2026-12-02' });
    expect(up).toMatchObject([{ key: 'threshold:FTP:2026-12-02', steps: [], reason: expect.stringContaining('from 250 to 258 (+3.2 %)') }]);
    const [down] = replan(state(), { kind: 'threshold', metric: 'FTP', from: 250, to: 230, day: '2026-12-02' });
    expect(down).toMatchObject({ steps: [], receipts: ['2026-12-02', 'b-thu', 'c-tue'] });
    expect(down!.reason).toContain('check your hard sessions of the next 7 days (2026-12-03, 2026-12-08)');
  });

  it('rebuilds for a moved race, and needs nothing for a date that did not change', () => {
    const to = '2026-12-20';
    expect(replan(state(), { kind: 'race_moved', from: RACE, to })).toMatchObject([
      {
        key: `race_moved:${to}`,
        steps: [{ kind: 'rebuild', eventDate: to }],
        small: false,
        reason: expect.stringContaining('taper moves'),
      },
    ]);
    expect(replan(state(), { kind: 'race_moved', from: RACE, to: RACE })).toEqual([]);
    expect(replan(state(), { kind: 'race_moved', from: RACE, to: WEEK_B })).toEqual([]);
  });
});
