// Hand-checked weeks for easing what follows (issue 58): a week run hot by unplanned training, and low readiness.
import { describe, expect, it } from 'vitest';
import type { WorkoutType } from '../plans.types';
import { easeForReadiness, easeHotWeek, type PlannedLeft } from './hot-week.calc';

const left = (id: string, date: string, type: WorkoutType, minutes: number, load: number): PlannedLeft => ({
  id,
  date,
  type,
  status: 'planned',
  load,
  durationSec: minutes * 60,
});

describe('a week run hot by unplanned training', () => {
  it('drops the easy session that cannot keep 20 minutes, then makes the next hard one easy', () => {
    // Cap 300 × 1.1 = 330; 250 done + 40 + 80 + 120 left = 490: 160 over. Friday's 45 minutes would need 180 cut.
    const eases = easeHotWeek(
      250,
      [
        left('fri', '2026-12-04', 'easy', 45, 40),
        left('sat', '2026-12-05', 'threshold', 60, 80),
        left('sun', '2026-12-06', 'long', 100, 120),
      ],
      300,
    );
    expect(eases.map((e) => [e.kind, e.workoutId])).toEqual([
      ['drop', 'fri'],
      ['make_easy', 'sat'],
    ]);
    expect(eases[1]).toMatchObject({ load: 56 });
    expect(eases[0]!.reason).toContain('250 so far');
  });

  it('shortens the next easy session by whole minutes once the first is dropped, and stops when it fits', () => {
    // 200 + 50 + 50 + 110 = 410 against 330: 80 over. Friday goes (50), Saturday loses 36 of its 60 minutes (30).
    const eases = easeHotWeek(
      200,
      [left('fri', '2026-12-04', 'easy', 60, 50), left('sat', '2026-12-05', 'easy', 60, 50), left('sun', '2026-12-06', 'long', 100, 110)],
      300,
    );
    expect(eases).toEqual([
      { kind: 'drop', workoutId: 'fri', reason: expect.any(String) },
      { kind: 'shorten', workoutId: 'sat', durationSec: 24 * 60, load: 20, reason: expect.any(String) },
    ]);
  });

  it('changes nothing within the ramp, or without a week before', () => {
    expect(easeHotWeek(100, [left('fri', '2026-12-04', 'easy', 60, 50)], 300)).toEqual([]);
    expect(easeHotWeek(900, [left('fri', '2026-12-04', 'easy', 60, 50)], null)).toEqual([]);
  });
});

describe('low readiness', () => {
  const week = [
    left('thu', '2026-12-03', 'easy', 45, 40),
    left('sat', '2026-12-05', 'intervals', 60, 90),
    left('fri', '2026-12-04', 'tempo', 50, 70),
  ];

  it('two low mornings running make the next hard session easy, at the same time', () => {
    expect(easeForReadiness([false, true, true], week)).toMatchObject({ kind: 'make_easy', workoutId: 'fri', load: 49 });
  });

  it('one low morning, a morning without a verdict between, or too short a history change nothing', () => {
    expect(easeForReadiness([false, false, true], week)).toBeNull();
    expect(easeForReadiness([true, null, true], week)).toBeNull();
    expect(easeForReadiness([true], week)).toBeNull();
  });
});
