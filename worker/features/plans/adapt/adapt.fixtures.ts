// A hand-checked three-week plan for the engine's tests (issue 58): two build weeks and the race week (taper),
// race on Sunday 13 December 2026. Weekdays Monday = 0; the athlete trains every day but Friday.
import { addDays } from '../../../lib/dates';
import type { WorkoutType } from '../plans.types';
import type { AdaptState, AdaptWorkout } from './adapt.types';

export const WEEK_A = '2026-11-23';
export const WEEK_B = '2026-11-30';
export const WEEK_C = '2026-12-07';
export const RACE = '2026-12-13';

export const wk = (
  id: string,
  date: string,
  type: WorkoutType,
  load: number,
  status: AdaptWorkout['status'] = 'planned',
  minutes = 60,
): AdaptWorkout => ({ id, date, slot: null, type, status, durationSec: minutes * 60, load });

/**
 * Week A (done, 300): Tue intervals 70, Wed easy 40, Thu threshold 70, Sat easy 30, Sun long 90.
 * Week B: Tue intervals 70 missed, Wed easy 40 done, Thu threshold 80, Sat easy 40 (45 min), Sun long 120 (100 min).
 * Week C, the taper: Tue intervals 40, Wed easy 30, Thu easy 25, Sat easy 20, Sun the race 150.
 */
export function workouts(): AdaptWorkout[] {
  const a = (d: number) => addDays(WEEK_A, d);
  const b = (d: number) => addDays(WEEK_B, d);
  const c = (d: number) => addDays(WEEK_C, d);
  return [
    wk('a-tue', a(1), 'intervals', 70, 'completed'),
    wk('a-wed', a(2), 'easy', 40, 'completed'),
    wk('a-thu', a(3), 'threshold', 70, 'completed'),
    wk('a-sat', a(5), 'easy', 30, 'completed'),
    wk('a-sun', a(6), 'long', 90, 'completed'),
    wk('b-tue', b(1), 'intervals', 70, 'missed'),
    wk('b-wed', b(2), 'easy', 40, 'completed'),
    wk('b-thu', b(3), 'threshold', 80),
    wk('b-sat', b(5), 'easy', 40, 'planned', 45),
    wk('b-sun', b(6), 'long', 120, 'planned', 100),
    wk('c-tue', c(1), 'intervals', 40),
    wk('c-wed', c(2), 'easy', 30),
    wk('c-thu', c(3), 'easy', 25),
    wk('c-sat', c(5), 'easy', 20),
    wk('c-sun', c(6), 'race_pace', 150, 'planned', 125),
  ];
}

export function state(over: Partial<AdaptState> = {}): AdaptState {
  return {
    today: '2026-12-02',
    plan: {
      startDate: WEEK_A,
      endDate: RACE,
      eventDate: RACE,
      weeks: [
        { startDate: WEEK_A, phase: 'build', plannedLoad: 300 },
        { startDate: WEEK_B, phase: 'build', plannedLoad: 350 },
        { startDate: WEEK_C, phase: 'taper', plannedLoad: 265 },
      ],
      availableDays: [0, 1, 2, 3, 5, 6],
    },
    workouts: workouts(),
    unplanned: [],
    mornings: [],
    outcomes: [],
    health: [],
    ...over,
  };
}
