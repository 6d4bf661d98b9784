// The workout catalog as the athlete picks from it (GET /workout-types, and the edit/add check that a type
// fits its sport): a label, the sports each type is planned for, and whether it is a hard day.
import { HARD_TYPES, type Sport, WORKOUT_TYPES, type WorkoutType } from '../plans.types';

const ENDURANCE: Sport[] = ['run', 'bike', 'swim'];

const CATALOG: Record<WorkoutType, { label: string; sports: Sport[] }> = {
  easy: { label: 'Easy', sports: ENDURANCE },
  long: { label: 'Long', sports: ENDURANCE },
  tempo: { label: 'Tempo', sports: ENDURANCE },
  threshold: { label: 'Threshold', sports: ENDURANCE },
  intervals: { label: 'Intervals', sports: ENDURANCE },
  vo2max: { label: 'VO2max', sports: ENDURANCE },
  recovery: { label: 'Recovery', sports: ENDURANCE },
  race_pace: { label: 'Race pace', sports: [...ENDURANCE, 'brick'] },
  brick: { label: 'Brick (bike + run)', sports: ['brick'] },
  // Drills: the generator plans technique for swims; run drills are the same idea.
  technique: { label: 'Technique', sports: ['swim', 'run'] },
  strength: { label: 'Strength', sports: ['strength'] },
  rest: { label: 'Rest', sports: ['rest'] },
};

export const workoutTypes = () =>
  WORKOUT_TYPES.map((type) => ({ type, label: CATALOG[type].label, sports: CATALOG[type].sports, hard: HARD_TYPES.includes(type) }));

export const typeFits = (type: WorkoutType, sport: Sport): boolean => CATALOG[type].sports.includes(sport);
