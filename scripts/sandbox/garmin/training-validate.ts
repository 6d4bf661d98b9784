// Garmin Training API V2's checks on a workout, as its document states them (ADR 057): required fields, the
// enum values of each field, step order, repeat steps, a swim's null targets, the 20-character provider fields
// and the step limit (100 for one sport). The first breach is the answer, in Garmin's 400 error shape.
// Written apart from the worker's mapper on purpose: a mistake in one is caught by the other.

const SPORTS = ['RUNNING', 'CYCLING', 'LAP_SWIMMING', 'STRENGTH_TRAINING', 'CARDIO_TRAINING', 'GENERIC', 'YOGA', 'PILATES'];
const INTENSITIES = ['REST', 'WARMUP', 'COOLDOWN', 'RECOVERY', 'ACTIVE', 'INTERVAL'];
const DURATIONS = [
  'TIME',
  'DISTANCE',
  'HR_LESS_THAN',
  'HR_GREATER_THAN',
  'CALORIES',
  'OPEN',
  'POWER_LESS_THAN',
  'POWER_GREATER_THAN',
  'TIME_AT_VALID_CDA',
  'FIXED_REST',
  'REPS',
];
const TARGETS = [
  'SPEED',
  'HEART_RATE',
  'CADENCE',
  'POWER',
  'GRADE',
  'RESISTANCE',
  'POWER_3S',
  'POWER_10S',
  'POWER_30S',
  'POWER_LAP',
  'SPEED_LAP',
  'HEART_RATE_LAP',
  'OPEN',
  'PACE',
];
const REPEATS = [
  'REPEAT_UNTIL_STEPS_CMPLT',
  'REPEAT_UNTIL_TIME',
  'REPEAT_UNTIL_DISTANCE',
  'REPEAT_UNTIL_CALORIES',
  'REPEAT_UNTIL_HR_LESS_THAN',
  'REPEAT_UNTIL_HR_GREATER_THAN',
  'REPEAT_UNTIL_POWER_LESS_THAN',
  'REPEAT_UNTIL_POWER_GREATER_THAN',
  'REPEAT_UNTIL_POWER_LAST_LAP_LESS_THAN',
  'REPEAT_UNTIL_MAX_POWER_LAST_LAP_LESS_THAN',
];
const SINGLE_SPORT_STEPS = 100;
const MULTI_SPORT_STEPS = 250;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

class Invalid extends Error {}
const need = (ok: boolean, message: string) => {
  if (!ok) throw new Invalid(message);
};

/** Null when Garmin would take the workout; otherwise its error message. */
export function workoutError(body: unknown): string | null {
  try {
    check(body);
    return null;
  } catch (err) {
    if (err instanceof Invalid) return err.message;
    throw err;
  }
}

function check(w: unknown): void {
  need(isObj(w), 'Request body must be a workout object');
  const o = w as Obj;
  need(o.workoutId === undefined || o.workoutId === null || num(o.workoutId), 'workoutId must be a number');
  need(typeof o.workoutName === 'string' && o.workoutName.trim() !== '', 'workoutName is required');
  need(typeof o.sport === 'string' && (SPORTS.includes(o.sport) || o.sport === 'MULTI_SPORT'), `Invalid sport: ${String(o.sport)}`);
  need(o.description === undefined || o.description === null || typeof o.description === 'string', 'description must be a string');
  for (const k of ['workoutProvider', 'workoutSourceId']) {
    const v = o[k];
    need(v === undefined || v === null || (typeof v === 'string' && v.length <= 20), `${k} must be at most 20 characters`);
  }
  need(Array.isArray(o.segments) && o.segments.length > 0, 'segments is required and must not be empty');
  const segments = o.segments as unknown[];
  need(o.sport === 'MULTI_SPORT' || segments.length === 1, 'A single-sport workout has one segment');
  need(segments.length <= 25, 'A workout has at most 25 segments');
  let expectedOrder = 1;
  let total = 0;
  segments.forEach((s, i) => {
    need(isObj(s), 'Each segment must be an object');
    const seg = s as Obj;
    need(seg.segmentOrder === i + 1, `segmentOrder must be ${i + 1}`);
    need(typeof seg.sport === 'string' && SPORTS.includes(seg.sport), `Invalid segment sport: ${String(seg.sport)}`);
    need(o.sport === 'MULTI_SPORT' || seg.sport === o.sport, 'The segment’s sport must be the workout’s');
    need(Array.isArray(seg.steps) && seg.steps.length > 0, 'Each segment needs steps');
    const walk = (steps: unknown[], inRepeat = false) => {
      for (const st of steps) {
        need(isObj(st), 'Each step must be an object');
        const step = st as Obj;
        total++;
        need(step.stepOrder === expectedOrder, `stepOrder must be ${expectedOrder}, got ${String(step.stepOrder)}`);
        expectedOrder++;
        if (step.type === 'WorkoutRepeatStep') {
          // Garmin Connect's workouts hold one level of repeats.
          need(!inRepeat, 'A repeat step cannot hold another repeat step');
          need(typeof step.repeatType === 'string' && REPEATS.includes(step.repeatType), `Invalid repeatType: ${String(step.repeatType)}`);
          need(num(step.repeatValue) && step.repeatValue > 0, 'repeatValue must be a positive number');
          if (step.repeatType === 'REPEAT_UNTIL_STEPS_CMPLT')
            need(
              Number.isInteger(step.repeatValue) && (step.repeatValue as number) >= 2,
              'repeatValue must be a whole number of at least 2',
            );
          need(Array.isArray(step.steps) && step.steps.length > 0, 'A repeat step needs steps');
          walk(step.steps as unknown[], true);
          continue;
        }
        need(step.type === 'WorkoutStep', `Invalid step type: ${String(step.type)}`);
        need(typeof step.intensity === 'string' && INTENSITIES.includes(step.intensity), `Invalid intensity: ${String(step.intensity)}`);
        need(
          typeof step.durationType === 'string' && DURATIONS.includes(step.durationType),
          `Invalid durationType: ${String(step.durationType)}`,
        );
        if (step.durationType !== 'OPEN') need(num(step.durationValue) && step.durationValue > 0, 'durationValue must be positive');
        if (step.durationType === 'DISTANCE')
          need(
            step.durationValueType === 'METER' || step.durationValueType === 'YARD' || step.durationValueType == null,
            'Invalid durationValueType',
          );
        need(step.description == null || typeof step.description === 'string', 'description must be a string');
        const t = step.targetType;
        if (seg.sport === 'LAP_SWIMMING') need(t === null || t === undefined, 'targetType must be null for swim workouts');
        else if (t !== null && t !== undefined) {
          need(typeof t === 'string' && TARGETS.includes(t), `Invalid targetType: ${String(t)}`);
          if (t !== 'OPEN') {
            const zone = step.targetValue;
            const low = step.targetValueLow;
            const high = step.targetValueHigh;
            const range = num(low) && num(high);
            need(num(zone) || range, `A ${t} target needs targetValue or targetValueLow and targetValueHigh`);
            if (range)
              need(
                (low as number) > 0 && (low as number) <= (high as number),
                'targetValueLow must be positive and at most targetValueHigh',
              );
            if (num(zone) && !range) {
              if (t === 'HEART_RATE') need(Number.isInteger(zone) && zone >= 1 && zone <= 5, 'A heart rate zone is 1 to 5');
              if (t === 'POWER') need(Number.isInteger(zone) && zone >= 1 && zone <= 7, 'A power zone is 1 to 7');
            }
            need(
              step.targetValueType == null || (step.targetValueType === 'PERCENT' && (t === 'HEART_RATE' || t === 'POWER')),
              'targetValueType PERCENT is for HEART_RATE and POWER only',
            );
          }
        }
      }
    };
    walk(seg.steps as unknown[]);
  });
  need(
    total <= (o.sport === 'MULTI_SPORT' ? MULTI_SPORT_STEPS : SINGLE_SPORT_STEPS),
    `A ${o.sport === 'MULTI_SPORT' ? 'multisport' : 'single-sport'} workout has at most ${o.sport === 'MULTI_SPORT' ? MULTI_SPORT_STEPS : SINGLE_SPORT_STEPS} steps`,
  );
}
