// How the "How each step went" table writes a step: its name, its target in the athlete's numbers (or as
// written when no threshold reads it), what was done and the verdict (ADR 062). Pure, shared by the
// activity page and the workout drawer.
import type { ActivityIntervals } from '../../../worker/features/intervals';
import type { Units } from './analytics';
import { clock, paceOf, repDistance } from './intervals';

export type StepsView = NonNullable<ActivityIntervals['steps']>;
export type StepRow = StepsView['steps'][number];

const KIND: Record<StepRow['kind'], string> = {
  warmup: 'Warm-up',
  work: 'Work',
  recovery: 'Recovery',
  cooldown: 'Cool-down',
  rest: 'Rest',
  steady: 'Steady',
};

/** "Warm-up", "Work 2 of 3", "Recovery 1 of 3". */
export const stepName = (s: StepRow) => (s.round ? `${KIND[s.kind]} ${s.round.r} of ${s.round.of}` : KIND[s.kind]);

/** What the step planned for its length: "10:00", "1.00 km" / "800 m", or "Lap" (the lap button). */
export const plannedLength = (s: StepRow, units: Units) =>
  s.planned.durationSec ? clock(s.planned.durationSec) : s.planned.distanceM ? repDistance(s.planned.distanceM, units) : 'Lap';

const pct = (x: number) => Math.round(x * 100);

/** The target: in W, bpm or pace from the thresholds of the day; else as it was written (zone, %, RPE). */
export function stepTarget(s: StepRow, units: Units, sport: string): string {
  const r = s.planned.range;
  const ramp = s.planned.ramp ? ' ramp' : '';
  if (r) {
    if (r.metric === 'power') return `${Math.round(r.low)}–${Math.round(r.high)}\u00a0W${ramp}`;
    if (r.metric === 'hr') return `${Math.round(r.low)}–${Math.round(r.high)}\u00a0bpm${ramp}`;
    const fast = paceOf(r.high, units, sport) ?? '';
    return `${fast.replace(/\s?\/.*$/, '')}–${paceOf(r.low, units, sport) ?? ''}${ramp}`;
  }
  const t = s.planned.target;
  if (!t) return 'No target';
  if (t.metric === 'rpe') return `RPE ${t.low}–${t.high}`;
  const of = t.metric === 'power' ? 'FTP' : t.metric === 'hr' ? 'LTHR' : 'threshold';
  if ('unit' in t) return `${t.low}–${t.high} ${t.unit}`;
  if ('low' in t) return `${pct(t.low)}–${pct(t.high)} % ${of}`;
  return `Z${t.zone} ${t.metric === 'hr' ? 'HR' : t.metric}`;
}

/** The held average in the target's metric, else the sport's own (power on a ride, pace otherwise); a number and its unit never part. */
export function heldFigure(s: StepRow, units: Units, sport: string): string | null {
  const a = s.actual;
  if (!a) return null;
  const metric = s.planned.range?.metric ?? (sport === 'bike' || sport === 'ride' ? 'power' : 'pace');
  if (metric === 'power') return a.avgPower ? `${Math.round(a.avgPower)}\u00a0W` : null;
  if (metric === 'hr') return a.avgHr ? `${Math.round(a.avgHr)}\u00a0bpm` : null;
  return a.avgSpeedMps ? paceOf(a.avgSpeedMps, units, sport) : null;
}

/** "9:58 · 252 W": what was done over the step. */
export function stepActual(s: StepRow, units: Units, sport: string): string {
  if (!s.actual) return 'Not done';
  const length =
    s.planned.distanceM && s.actual.distanceM !== null
      ? `${repDistance(s.actual.distanceM, units)} in ${clock(s.actual.durationS)}`
      : clock(s.actual.durationS);
  const held = heldFigure(s, units, sport);
  return held ? `${length} · ${held}` : length;
}

export const inRangeText = (s: StepRow) => (s.inRange === null ? '—' : `${pct(s.inRange)} %`);

export const VERDICT_LABELS: Record<StepRow['verdict'], string> = {
  on_target: 'On target',
  partly: 'Partly',
  off: 'Off target',
  skipped: 'Skipped',
};
export const VERDICT_TONES = { on_target: 'success', partly: 'warning', off: 'danger', skipped: 'neutral' } as const;

/** Why the steps could not be placed on the recording, in the athlete's words. */
export const UNALIGNED_TEXT: Record<NonNullable<StepsView['unaligned']>, string> = {
  no_steps: 'This workout has no steps to compare.',
  no_data: 'This recording has neither laps nor second-by-second data, so its steps cannot be placed.',
  too_short: 'The recording is too short for the planned steps to be placed on it.',
  open_step: 'A step ends at the lap button and the recording has no laps for it, so the steps cannot be placed by time.',
  no_distance: 'A step is measured by distance and the recording has no speed to place it by.',
};

/** How the steps were placed, in a sentence; to a coach (ADR 061) the device and thresholds are the athlete's. */
export function alignedText(v: StepsView, reader: 'athlete' | 'coach' = 'athlete'): string {
  const whose = reader === 'coach' ? 'the athlete’s' : 'your';
  const how = v.alignedBy === 'laps' ? `by the laps ${whose} device recorded, one per step` : 'by time from the start of the recording';
  const extra = v.extraLaps ? ` (${v.extraLaps} lap${v.extraLaps === 1 ? '' : 's'} after the last step not counted)` : '';
  return `Steps placed ${how}${extra}; targets read with ${whose} thresholds on the day.`;
}
