// A workout as a FIT workout file (file_id type workout, one workout message, then workout_step
// messages), written from the structured tree (ADR 055) with Garmin's official SDK so devices and
// Garmin Connect read it as their own.
//
// Structure: a repeat is its steps, then a repeat step (repeat_until_steps_cmplt) whose duration_step
// is the message_index of its first step. Repeats nest natively: an inner block's repeat step comes
// before the outer one's, which points back to its own first step (the FIT profile's back reference;
// not every older device runs nested blocks). A repeat done once is just its steps. A lap step is
// FIT's open duration (until the lap button).
//
// Targets: the plan keeps intensities as fractions of the athlete's threshold, FIT keeps them as
// zones or absolute ranges, except power, whose workout_power values 0–1000 mean % of FTP:
//   - power: a custom range in % FTP (exact), or watts when `thresholds.ftpW` is given; absolute
//     watts go in as watts; a power zone is FIT's power zone (1–7);
//   - heart rate: FIT's percentages are of max HR, not LTHR, so a custom bpm range needs
//     `thresholds.lthrBpm` (or absolute bpm); without it the step targets the HR zone;
//   - pace: FIT wants m/s, so a custom speed range needs `thresholds.thresholdSpeedMps` (swims:
//     `cssSpeedMps`) or an absolute pace; without it the step targets the speed zone;
//   - RPE and no target: open, with the RPE in the step's notes.
// FIT has no ramp: a ramp targets the range it climbs (low to high), its direction said in the notes.
// Cadence is the secondary target (the primary when the step has no other).
// The SDK's encoder ignores sub-fields (duration_time, custom_target_power_low, …), so the main
// fields are written raw, with the scale and offset their sub-field would apply.
import { Encoder, type FileIdMesg, type WorkoutMesg, type WorkoutStepMesg } from '@garmin/fitsdk';
import { isLap, isRepeat, ZONE_BANDS, type WorkoutNode, type WorkoutStep, type WorkoutStepKind, type WorkoutTarget } from '../../workouts';
import type { Sport } from '../plans.types.ts';
import { type ExportWorkout, ExportUnsupportedError, workoutSteps } from './export.types.ts';
import type { ExportThresholds } from './export-thresholds.ts';

/** Absolute thresholds, when the caller knows them: they turn fractions into custom ranges. */
export type FitThresholds = ExportThresholds;

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

const INTENSITY: Record<WorkoutStepKind, NonNullable<WorkoutStepMesg['intensity']>> = {
  rest: 'rest',
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

function durationFields(step: WorkoutStep): Pick<WorkoutStepMesg, 'durationType' | 'durationValue'> {
  // duration_time is in ms (scale 1000), duration_distance in cm (scale 100).
  if (isLap(step)) return { durationType: 'open' };
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

const ZONE_METRIC = { power: 'power', hr: 'heartRate', pace: 'speed' } as const;
type Leg = 'run' | 'bike' | 'swim';

/** The primary target (`ramp`: the range it climbs, either way round). */
function targetFields(target: WorkoutTarget | null, leg: Leg, t: FitThresholds): TargetFields {
  if (!target || target.metric === 'rpe') return { targetType: 'open' };
  if (!('low' in target)) return { targetType: ZONE_METRIC[target.metric], targetValue: target.zone };
  const { low, high } = target;
  if ('unit' in target) {
    // workout_power above 1000 = watts + 1000; workout_hr above 100 = bpm + 100; speed in mm/s.
    if (target.unit === 'W') return { targetType: 'power', ...range(low + 1000, high + 1000) };
    if (target.unit === 'bpm') return { targetType: 'heartRate', ...range(low + 100, high + 100) };
    const metres = target.unit === 's/km' ? 1000 : 100;
    return { targetType: 'speed', ...range((metres / low) * 1000, (metres / high) * 1000) };
  }
  const zone = target.zone;
  switch (target.metric) {
    case 'power':
      // workout_power: 0–1000 = % of FTP, above 1000 = watts + 1000.
      return { targetType: 'power', ...(t.ftpW ? range(low * t.ftpW + 1000, high * t.ftpW + 1000) : range(low * 100, high * 100)) };
    case 'hr':
      if (t.lthrBpm) return { targetType: 'heartRate', ...range(low * t.lthrBpm + 100, high * t.lthrBpm + 100) };
      return { targetType: 'heartRate', targetValue: zone ?? zoneOf(leg, (low + high) / 2) };
    case 'pace': {
      // custom_target_speed is in mm/s (scale 1000).
      const speed = leg === 'swim' ? t.cssSpeedMps : t.thresholdSpeedMps;
      if (speed) return { targetType: 'speed', ...range(low * speed * 1000, high * speed * 1000) };
      return { targetType: 'speed', targetValue: zone ?? zoneOf(leg, (low + high) / 2) };
    }
  }
}

/** The zone whose band holds `fraction`, for fractions stored without their label. */
function zoneOf(leg: Leg, fraction: number): number {
  let zone = 1;
  for (const [z, [from]] of Object.entries(ZONE_BANDS[leg])) if (fraction >= from) zone = Number(z);
  return zone;
}

const rpeText = (t: WorkoutTarget | null): string | undefined =>
  t?.metric === 'rpe' ? (t.low === t.high ? `RPE ${t.low}` : `RPE ${t.low}–${t.high}`) : undefined;

/** "ramp 50→75%": FIT has no ramp, so the notes say which way the range is climbed. */
function rampText(s: WorkoutStep): string | undefined {
  const t = s.target;
  if (!s.ramp || !t || !('low' in t)) return undefined;
  if ('unit' in t) return `ramp ${t.low}→${t.high} ${t.unit}`;
  return t.metric === 'rpe' ? undefined : `ramp ${Math.round(t.low * 100)}→${Math.round(t.high * 100)}%`;
}

function stepMesg(step: WorkoutStep, messageIndex: number, leg: Leg, t: FitThresholds): WorkoutStepMesg {
  const primary = targetFields(step.target, leg, t);
  const c = step.cadence;
  const cadence: Partial<WorkoutStepMesg> = !c
    ? {}
    : primary.targetType === 'open'
      ? { targetType: 'cadence', ...range(c.low, c.high) }
      : {
          secondaryTargetType: 'cadence',
          secondaryTargetValue: 0,
          secondaryCustomTargetValueLow: Math.round(Math.min(c.low, c.high)),
          secondaryCustomTargetValueHigh: Math.round(Math.max(c.low, c.high)),
        };
  return {
    messageIndex,
    ...durationFields(step),
    ...primary,
    ...cadence,
    intensity: INTENSITY[step.kind],
    notes: optionalString([step.note, rampText(step), rpeText(step.target)].filter(Boolean).join(' · ')),
  };
}

/** The tree as FIT steps: each repeat closes with a step that loops back to its first (nested repeats nest). */
export function workoutStepMesgs(steps: WorkoutNode[], t: FitThresholds = {}, leg: Leg = 'run'): WorkoutStepMesg[] {
  const out: WorkoutStepMesg[] = [];
  const walk = (nodes: WorkoutNode[]): void => {
    for (const node of nodes) {
      if (!isRepeat(node)) {
        out.push(stepMesg(node, out.length, leg, t));
        continue;
      }
      if (node.steps.length === 0 || node.count < 1) continue;
      const first = out.length;
      walk(node.steps);
      // duration_step = message_index to loop back to; repeat_steps (in target_value) = total repetitions.
      if (node.count > 1 && out.length > first)
        out.push({ messageIndex: out.length, durationType: 'repeatUntilStepsCmplt', durationValue: first, targetValue: node.count });
    }
  };
  walk(steps);
  return out;
}

/**
 * The workout as FIT bytes. Throws ExportUnsupportedError for sports other than run, bike and swim
 * (strength and brick sessions have no single-sport step list a device can follow).
 */
/** What a FIT workout reads of a saved workout: its steps may be any structured tree. */
export type FitInput = Omit<ExportWorkout, 'steps'> & { steps: WorkoutNode[] };

export function fitWorkout(w: FitInput, opts: FitWorkoutOptions = {}): Uint8Array {
  const sport = FIT_SPORT[w.sport];
  if (!sport) throw new ExportUnsupportedError('fit', 'sport', w.sport, `A ${w.sport} workout cannot be exported as a FIT workout`);
  const steps = workoutStepMesgs(workoutSteps(w), opts.thresholds ?? {}, w.sport as Leg);
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
