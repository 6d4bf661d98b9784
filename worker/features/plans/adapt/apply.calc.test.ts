// applySteps and the invariants on the hand-checked plan of adapt.fixtures (issue 58, ADR 103).
import { describe, expect, it } from 'vitest';
import type { Proposal } from './adapt.types';
import { state, workouts } from './adapt.fixtures';
import { applySteps, checkInvariants } from './apply.calc';

const weeks = state().plan.weeks;
const proposal = (over: Partial<Proposal> = {}): Proposal => ({
  trigger: { kind: 'missed', workoutId: 'b-tue' },
  key: 'missed:b-tue',
  steps: [],
  reason: 'Because.',
  receipts: [],
  small: false,
  ...over,
});
const find = (ws: ReturnType<typeof workouts>, id: string) => ws.find((w) => w.id === id)!;

describe('applySteps', () => {
  it('moves, skips, adjusts, replaces and retargets as the steps say, leaving the input alone', () => {
    const before = workouts();
    const after = applySteps(before, [
      { kind: 'move', workoutId: 'b-tue', date: '2026-12-05' },
      { kind: 'skip', workoutId: 'b-sat' },
      { kind: 'adjust', workoutId: 'b-sun', percent: -20 },
      { kind: 'replace', workoutId: 'b-thu', type: 'easy' },
      { kind: 'retarget', workoutId: 'c-tue', percent: -3 },
      { kind: 'rebuild', eventDate: '2026-12-20' },
    ]);
    expect(find(after, 'b-tue')).toMatchObject({ date: '2026-12-05', status: 'planned' });
    expect(find(after, 'b-sat').status).toBe('skipped');
    // 100 minutes and 120 × 0.8.
    expect(find(after, 'b-sun')).toMatchObject({ durationSec: 4800, load: 96 });
    // 80 × 0.7, at the same time.
    expect(find(after, 'b-thu')).toMatchObject({ type: 'easy', load: 56, durationSec: 3600 });
    expect(find(after, 'c-tue')).toEqual(find(before, 'c-tue'));
    expect(find(before, 'b-tue')).toMatchObject({ date: '2026-12-01', status: 'missed' });
  });
});

describe('checkInvariants', () => {
  const before = { weeks, workouts: workouts() };

  it('passes a move that keeps the ramp, and flags one that breaks it', () => {
    const ok = proposal({
      steps: [
        { kind: 'move', workoutId: 'b-tue', date: '2026-12-05' },
        { kind: 'skip', workoutId: 'b-sat' },
      ],
    });
    expect(checkInvariants(before, { weeks, workouts: applySteps(before.workouts, ok.steps), proposals: [ok] }, [])).toEqual([]);
    // Without the skip week B carries 350 > 330.
    const bad = proposal({ steps: [{ kind: 'move', workoutId: 'b-tue', date: '2026-12-05' }] });
    expect(checkInvariants(before, { weeks, workouts: applySteps(before.workouts, bad.steps), proposals: [bad] }, [])).toEqual([
      { invariant: 'ramp', detail: 'week of 2026-11-30: 350 > 300 × 1.1' },
    ]);
  });

  it('leaves a week the athlete ran hot themselves, and one the proposal did not raise', () => {
    const ride = [{ date: '2026-12-02', load: 200 }];
    const ease = proposal({ steps: [{ kind: 'skip', workoutId: 'b-sat' }] });
    expect(checkInvariants(before, { weeks, workouts: applySteps(before.workouts, ease.steps), proposals: [ease] }, ride)).toEqual([]);
  });

  it('flags new side-by-side hard days, but not the ones the athlete did', () => {
    const stack = proposal({ steps: [{ kind: 'move', workoutId: 'b-tue', date: '2026-12-04' }] });
    const after = applySteps(before.workouts, stack.steps).map((w) => (w.id === 'b-sat' ? { ...w, status: 'skipped' as const } : w));
    expect(checkInvariants(before, { weeks, workouts: after, proposals: [stack] }, [])).toEqual([
      { invariant: 'stacked_hard', detail: '2026-12-03 and 2026-12-04' },
    ]);
    const done = before.workouts.map((w) => (w.id === 'a-wed' ? { ...w, type: 'tempo' as const } : w));
    expect(checkInvariants({ weeks, workouts: done }, { weeks, workouts: done, proposals: [] }, [])).toEqual([]);
  });

  it('flags a taper week carrying more, a proposal without a reason, and one whose key names another trigger', () => {
    const raise = proposal({ steps: [{ kind: 'adjust', workoutId: 'c-wed', percent: 20 }], reason: ' ', key: 'readiness:2026-12-02' });
    const broken = checkInvariants(before, { weeks, workouts: applySteps(before.workouts, raise.steps), proposals: [raise] }, []);
    expect(broken.map((b) => b.invariant)).toEqual(['taper_raised', 'trigger', 'reason']);
    expect(broken[0]!.detail).toBe('taper week of 2026-12-07: 265 → 271');
  });
});
