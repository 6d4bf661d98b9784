// What the step verdicts say about the targets (issue 58), on hand-made histories.
import { describe, expect, it } from 'vitest';
import type { WorkoutType } from '../plans.types';
import { type SessionOutcome, targetAdvice } from './targets.calc';

const o = (
  id: string,
  date: string,
  type: WorkoutType,
  verdict: SessionOutcome['verdict'],
  side: SessionOutcome['side'],
  rpe: number | null = null,
): SessionOutcome => ({
  workoutId: id,
  date,
  type,
  verdict,
  side,
  rpe,
});

describe('targets from the step verdicts', () => {
  it('two of the last three threshold sessions held below their range lower that target by 3 %, with receipts', () => {
    const advice = targetAdvice([
      o('t1', '2026-11-03', 'threshold', 'off', 'below'),
      o('t2', '2026-11-10', 'threshold', 'on', null),
      o('t3', '2026-11-17', 'threshold', 'off', 'below'),
      o('t4', '2026-11-24', 'threshold', 'skipped', null, 9),
      o('i1', '2026-11-20', 'intervals', 'off', 'below'),
    ]);
    // The last three are t4, t3, t2: t4 (skipped at RPE 9) and t3 could not hold it. One intervals session is not enough.
    expect(advice).toEqual([
      {
        kind: 'lower_target',
        type: 'threshold',
        byPct: 3,
        receipts: ['t4', 't3'],
        reason: expect.stringContaining('2 of your last 3 threshold'),
      },
    ]);
  });

  it('going harder than asked is no reason to lower a target', () => {
    expect(targetAdvice([o('a', '2026-11-10', 'tempo', 'off', 'above'), o('b', '2026-11-17', 'tempo', 'off', 'above', 9)])).toEqual([]);
  });

  it('three easy sessions of the last four run above their range at an easy effort suggest checking the thresholds', () => {
    const advice = targetAdvice([
      o('e1', '2026-11-20', 'easy', 'partly', 'above', 3),
      o('e2', '2026-11-22', 'long', 'off', 'above', null),
      o('e3', '2026-11-24', 'easy', 'on', null),
      o('e4', '2026-11-26', 'easy', 'partly', 'above', 4),
    ]);
    expect(advice).toEqual([
      { kind: 'check_thresholds', receipts: ['e4', 'e2', 'e1'], reason: expect.stringContaining('update them or plan a test') },
    ]);
    // Hard-feeling "easy" runs above range are not a sign of stale thresholds.
    expect(
      targetAdvice([
        o('x', '2026-11-20', 'easy', 'off', 'above', 7),
        o('y', '2026-11-21', 'easy', 'off', 'above', 7),
        o('z', '2026-11-22', 'easy', 'off', 'above', 7),
      ]),
    ).toEqual([]);
  });
});
