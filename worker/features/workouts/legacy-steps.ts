// A structured workout as the flat steps today's readers take (plans.types' StepNode: the FIT, .zwo, ICS
// and PDF exports, matching), until each reads the tree itself (ADR 055). Repeats below the first level
// are unrolled, a rest is a recovery, a lap step its assumed time, absolute targets fractions of the
// athlete's thresholds (none without them), a ramp its whole band, and exercises join the note.
import { LAP_STEP_SEC, ZONE_BANDS } from './workout-totals.calc';
import type { Thresholds } from './workout-totals.calc';
import type {
  LegacyStep,
  LegacyStepNode,
  LegacyTarget,
  LegSport,
  Workout,
  WorkoutNode,
  WorkoutStep,
  WorkoutTarget,
  ZoneLabel,
} from './workout.types';

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** The zone whose band holds `fraction` (the generator's bands, capped at Z5). */
function zoneOf(leg: LegSport, fraction: number): ZoneLabel {
  let zone: ZoneLabel = 1;
  for (const z of [1, 2, 3, 4, 5] as const) if (fraction >= ZONE_BANDS[leg][z]![0]) zone = z;
  return zone;
}

function legacyTarget(t: WorkoutTarget, leg: LegSport, th: Thresholds): LegacyTarget | null {
  const band = (metric: LegacyTarget['metric'], a: number, b: number, zone?: ZoneLabel): LegacyTarget => {
    const [low, high] = [Math.min(a, b), Math.max(a, b)];
    return { metric, zone: zone ?? zoneOf(leg, (low + high) / 2), low, high };
  };
  if (t.metric === 'rpe')
    return {
      metric: 'rpe',
      zone: t.zone ?? (t.high >= 7 ? 3 : t.high >= 5 ? 2 : 1),
      low: Math.min(t.low, t.high),
      high: Math.max(t.low, t.high),
    };
  if ('unit' in t) {
    if (t.unit === 'W') return th.ftpW ? band('power', r3(t.low / th.ftpW), r3(t.high / th.ftpW)) : null;
    if (t.unit === 'bpm') return th.lthrBpm ? band('hr', r3(t.low / th.lthrBpm), r3(t.high / th.lthrBpm)) : null;
    const thr = leg === 'swim' ? (th.cssSecPer100m ?? 0) * 10 : (th.thresholdPaceSecPerKm ?? 0);
    const perKm = t.unit === 's/100m' ? 10 : 1;
    // A slower pace is a smaller fraction of threshold speed.
    return thr ? band('pace', r3(thr / (t.high * perKm)), r3(thr / (t.low * perKm))) : null;
  }
  if ('low' in t) return band(t.metric, t.low, t.high, t.zone);
  const [low, high] = ZONE_BANDS[leg][t.zone] ?? ZONE_BANDS.bike[t.zone]!;
  return { metric: t.metric, zone: Math.min(t.zone, 5) as ZoneLabel, low, high };
}

function legacyStep(w: Workout, s: WorkoutStep, th: Thresholds, lapStepSec: number): LegacyStep {
  const leg: LegSport = s.sport ?? (w.sport === 'run' || w.sport === 'swim' ? w.sport : w.sport === 'bike' ? 'bike' : 'run');
  const open = s.durationSec === null && s.distanceM === null;
  const out: LegacyStep = {
    kind: s.kind === 'rest' ? 'recovery' : s.kind,
    durationSec: open ? lapStepSec : s.durationSec,
    distanceM: s.distanceM,
    target: s.target ? legacyTarget(s.target, leg, th) : null,
  };
  const words = (s.exercises ?? []).map((e) => `${e.name} ${e.sets}×${e.reps}${e.loadKg ? ` ${e.loadKg} kg` : ''}`);
  const note = [s.note, ...words].filter((x) => x).join('; ');
  if (note) out.note = note;
  if (s.sport) out.sport = s.sport;
  return out;
}

/** `w`'s steps as the flat shapes today's exports and matching read. */
export function toLegacySteps(w: Workout, th: Thresholds = {}): LegacyStepNode[] {
  const lap = LAP_STEP_SEC;
  const unroll = (nodes: WorkoutNode[]): LegacyStep[] =>
    nodes.flatMap((n) =>
      n.kind === 'repeat' ? Array.from({ length: n.count }, () => unroll(n.steps)).flat() : [legacyStep(w, n, th, lap)],
    );
  return w.steps.map((n) => (n.kind === 'repeat' ? { kind: 'repeat', count: n.count, steps: unroll(n.steps) } : legacyStep(w, n, th, lap)));
}

/** A target the flat steps hold as they are: a zone label with its fractions of threshold. */
const isLegacyTarget = (t: WorkoutTarget): boolean => 'zone' in t && 'low' in t && t.zone !== undefined && !('unit' in t);

/**
 * Steps the flat, timed shape cannot hold (distance or lap lengths, rests, ramps, cadence, strokes,
 * exercises, absolute or zone-only targets, nested repeats): a row holding them is a structured workout.
 * One rule for the server's edits and matching and the page's drawer and form.
 */
export function isStructured(steps: readonly WorkoutNode[]): boolean {
  const flat = (s: WorkoutNode): boolean =>
    s.kind !== 'repeat' &&
    s.kind !== 'rest' &&
    s.durationSec !== null &&
    s.distanceM === null &&
    (s.target === null || isLegacyTarget(s.target)) &&
    !s.ramp &&
    !s.cadence &&
    !s.stroke &&
    !s.exercises;
  return !steps.every((n) => (n.kind === 'repeat' ? n.steps.every(flat) : flat(n)));
}
