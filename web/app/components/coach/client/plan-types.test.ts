// The coach's row of a client's workout says what the athlete's calendar card says of it (issue 55).
import { describe, expect, it } from 'vitest';
import { statusBadge, type Workout } from './plan-types';

const workout = (w: Partial<Workout>): Workout => ({
  id: 'w1',
  date: '2026-11-20',
  sport: 'run',
  type: 'intervals',
  title: '5 × 1 km',
  durationSec: 2970,
  distanceM: 8000,
  steps: [],
  skipped: false,
  status: 'completed',
  compliance: { band: 'green' },
  verdict: { band: 'green', by: 'ratio' },
  ...w,
});

describe('the coach’s status badge', () => {
  it('reads the verdict’s words and colour, not the ratio’s, for a done workout', () => {
    // Its time was done (green), its steps were not: the card's "Done · Partly by its steps", in yellow.
    expect(statusBadge(workout({ verdict: { band: 'yellow', by: 'steps' } }))).toEqual({
      label: 'Done · Partly by its steps',
      tone: 'warning',
    });
    expect(statusBadge(workout({ verdict: { band: 'red', by: 'steps' } }))).toEqual({
      label: 'Done · Off target by its steps',
      tone: 'danger',
    });
    expect(statusBadge(workout({}))).toEqual({ label: 'Done · On target', tone: 'success' });
    // Marked done without a recording: no band to judge, just "Done".
    expect(statusBadge(workout({ compliance: { band: null }, verdict: { band: null, by: 'ratio' } }))).toEqual({
      label: 'Done',
      tone: 'success',
    });
    expect(statusBadge(workout({ status: 'missed', compliance: { band: 'red' }, verdict: { band: 'red', by: 'ratio' } }))).toEqual({
      label: 'Missed',
      tone: 'danger',
    });
    expect(statusBadge(workout({ status: 'pending', compliance: { band: null }, verdict: { band: null, by: 'ratio' } }))).toBeNull();
  });
});
