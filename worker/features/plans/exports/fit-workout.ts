// A workout as a FIT workout file (file_id type workout, one workout message, then workout_step
// messages), written with Garmin's official SDK so devices and Garmin Connect read it as their own.
//
// Targets: the plan keeps intensities as fractions of the athlete's threshold, FIT keeps them as
// zones or absolute ranges, except power, whose workout_power values 0–1000 mean % of FTP:
//   - power: a custom range in % FTP (exact), or watts when `thresholds.ftpW` is given;
//   - heart rate: FIT's percentages are of max HR, not LTHR, so a custom bpm range needs
//     `thresholds.lthrBpm`; without it the step targets the HR zone (target_value = zone 1–5);
//   - pace: FIT wants m/s, so a custom speed range needs `thresholds.thresholdSpeedMps`; without it
//     the step targets the speed zone (the device's own zones, which the athlete must have set up);
//   - RPE and no target: open, with the RPE in the step's notes.
// The SDK's encoder ignores sub-fields (duration_time, custom_target_power_low, …), so the main
// fields are written raw, with the scale and offset their sub-field would apply.
import { Encoder, type FileIdMesg, type WorkoutMesg, type WorkoutStepMesg } from '@garmin/fitsdk';
import type { Sport, Step, StepKind, StepNode, Target } from '../plans.types.ts';
import { type ExportWorkout, ExportUnsupportedError, workoutSteps } from './export.types.ts';
import { targetText } from './workout-text.ts';

/** Absolute thresholds, when the caller knows them: they turn zone targets into custom ranges. */
export interface FitThresholds {
  ftpW?: number | null;
  lthrBpm?: number | null;
  thresholdSpeedMps?: number | null;
}

export interface FitWorkoutOptions {
  thresholds?: FitThresholds;
}

// Global message numbers (FIT profile).
const FILE_ID = 0;
const WORKOUT = 26;
const WORKOUT_STEP = 27;
/** A string field holds at most 255 bytes, its NUL terminator included. */
const MAX_STRING_BYTES = 254;

const FIT_SPORT: Partial<Record<Sport, NonNullable<WorkoutMesg['sport']>>> = { run: 'running', bike: 'cycling', swim: 'swimming' };

const INTENSITY: Record<StepKind, NonNullable<WorkoutStepMesg['intensity']>> = {
  warmup: 'warmup',
  work: 'active',
  steady: 'active',
  recovery: 'recovery',
  cooldown: 'cooldown',
};

/** Sports a FIT workout can carry (one sport, structured steps). */
export const isFitExportable = (sport: Sport): boolean => FIT_SPORT[sport] !== undefined;

const encoder = new TextEncoder();

/** Cuts a string to `max` UTF-8 bytes without splitting a character. */
export function truncateUtf8(text: string, max: number = MAX_STRING_BYTES): string {
  if (encoder.encode(text).byteLength <= max) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const size = encoder.encode(ch).byteLength;
    if (bytes + size > max) break;
    out += ch;
    bytes += size;
  }
  return out;
}

const optionalString = (text: string | undefined): string | undefined => (text?.trim() ? truncateUtf8(text.trim()) : undefined);

function durationFields(step: Step): Pick<WorkoutStepMesg, 'durationType' | 'durationValue'> {
  // duration_time is in ms (scale 1000), duration_distance in cm (scale 100).
  if (step.durationSec !== null) return { durationType: 'time', durationValue: Math.round(step.durationSec * 1000) };
  if (step.distanceM !== null) return { durationType: 'distance', durationValue: Math.round(step.distanceM * 100) };
  return { durationType: 'open' };
}

type TargetFields = Pick<WorkoutStepMesg, 'targetType' | 'targetValue' | 'customTargetValueLow' | 'customTargetValueHigh'>;

const range = (lowValue: number, highValue: number): TargetFields => ({
  targetValue: 0,
  customTargetValueLow: Math.round(Math.min(lowValue, highValue)),
  customTargetValueHigh: Math.round(Math.max(lowValue, highValue)),
});

function targetFields(target: Target | null, t: FitThresholds): TargetFields {
  if (!target || target.metric === 'rpe') return { targetType: 'open' };
  const { low, high, zone } = target;
  switch (target.metric) {
    case 'power':
      // workout_power: 0–1000 = % of FTP, above 1000 = watts + 1000.
      return { targetType: 'power', ...(t.ftpW ? range(low * t.ftpW + 1000, high * t.ftpW + 1000) : range(low * 100, high * 100)) };
    case 'hr':
      // workout_hr: above 100 = bpm + 100.
      return t.lthrBpm
        ? { targetType: 'heartRate', ...range(low * t.lthrBpm + 100, high * t.lthrBpm + 100) }
        : { targetType: 'heartRate', targetValue: zone };
    case 'pace':
      // custom_target_speed is in mm/s (scale 1000).
      return t.thresholdSpeedMps
        ? { targetType: 'speed', ...range(low * t.thresholdSpeedMps * 1000, high * t.thresholdSpeedMps * 1000) }
        : { targetType: 'speed', targetValue: zone };
  }
}

function stepMesg(step: Step, messageIndex: number, t: FitThresholds): WorkoutStepMesg {
  const rpe = step.target?.metric === 'rpe' ? targetText(step.target) : undefined;
  return {
    messageIndex,
    ...durationFields(step),
    ...targetFields(step.target, t),
    intensity: INTENSITY[step.kind],
    notes: optionalString([step.note, rpe].filter(Boolean).join(' · ')),
  };
}

/** Flattens the step tree: a repeat block is its steps, then a step that loops back to the first of them. */
export function workoutStepMesgs(steps: StepNode[], t: FitThresholds = {}): WorkoutStepMesg[] {
  const out: WorkoutStepMesg[] = [];
  for (const node of steps) {
    if (node.kind !== 'repeat') {
      out.push(stepMesg(node, out.length, t));
      continue;
    }
    if (node.steps.length === 0 || node.count < 1) continue;
    const first = out.length;
    for (const step of node.steps) out.push(stepMesg(step, out.length, t));
    if (node.count > 1) {
      // duration_step = message_index to loop back to; repeat_steps (in target_value) = total repetitions.
      out.push({ messageIndex: out.length, durationType: 'repeatUntilStepsCmplt', durationValue: first, targetValue: node.count });
    }
  }
  return out;
}

/**
 * The workout as FIT bytes. Throws ExportUnsupportedError for sports other than run, bike and swim
 * (strength and brick sessions have no single-sport step list a device can follow).
 */
export function fitWorkout(w: ExportWorkout, opts: FitWorkoutOptions = {}): Uint8Array {
  const sport = FIT_SPORT[w.sport];
  if (!sport) throw new ExportUnsupportedError('fit', 'sport', w.sport, `A ${w.sport} workout cannot be exported as a FIT workout`);
  const steps = workoutStepMesgs(workoutSteps(w), opts.thresholds ?? {});
  const fileId: FileIdMesg = { type: 'workout', manufacturer: 'development', product: 0, timeCreated: w.updatedAt };
  const workout: WorkoutMesg = {
    sport,
    wktName: optionalString(w.title),
    wktDescription: optionalString(w.description),
    numValidSteps: steps.length,
  };
  const out = new Encoder();
  out.onMesg(FILE_ID, fileId);
  out.onMesg(WORKOUT, workout);
  for (const step of steps) out.onMesg(WORKOUT_STEP, step);
  return out.close();
}
