// Workouts as short human text, shared by the calendar feed, the PDF and the UI so every place
// reads a session the same way: "Warm-up 15 min Z1", "5 × (4 min Z4 / 2 min Z1)".
import { serializeWorkoutText, type Workout, workoutTotals } from '../../workouts';
import type { Step, StepKind, StepNode, Target } from '../plans.types.ts';

const KIND_LABEL: Record<StepKind, string> = {
  warmup: 'Warm-up',
  work: 'Work',
  recovery: 'Recovery',
  steady: 'Steady',
  cooldown: 'Cool-down',
};

/** "45 s", "15 min", "4 min 30 s", "1 h 10 min", "2 h". */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) return `${total} s`;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  return s > 0 ? `${m} min ${s} s` : `${m} min`;
}

/** "400 m", "1 km", "21.1 km". */
export function formatDistance(meters: number): string {
  if (meters < 1000) return `${Math.round(meters)} m`;
  return `${Number((meters / 1000).toFixed(2))} km`;
}

/** "Z4", or "RPE 6–7" for effort targets (RPE has no zone people use). */
export function targetText(target: Target): string {
  if (target.metric === 'rpe') return target.low === target.high ? `RPE ${target.low}` : `RPE ${target.low}–${target.high}`;
  return `Z${target.zone}`;
}

/** How a step is measured: its time, else its distance, else "open" (until the lap button). */
export function stepAmount(step: Step): string {
  if (step.durationSec !== null) return formatDuration(step.durationSec);
  if (step.distanceM !== null) return formatDistance(step.distanceM);
  return 'open';
}

const bare = (step: Step): string => (step.target ? `${stepAmount(step)} ${targetText(step.target)}` : stepAmount(step));

/** One line per top-level step; a repeat block is one line: "5 × (4 min Z4 / 2 min Z1)". */
export function stepsText(steps: StepNode[]): string[] {
  return steps.map((node) => {
    if (node.kind === 'repeat') return `${node.count} × (${node.steps.map(bare).join(' / ')})`;
    const line = `${KIND_LABEL[node.kind]} ${bare(node)}`;
    return node.note ? `${line} (${node.note})` : line;
  });
}

/** The totals a workout was saved with: what the calendar, the drawer and the week show for it (ADR 055). */
export interface SavedTotals {
  durationSec: number;
  distanceM: number | null;
  targetLoad: number;
}

/**
 * "Total 55 min · 10 km · load 57": the workout's saved totals, lap steps counted as 5 min. Not recomputed here:
 * without the athlete's thresholds a pace or zone step has no distance and too little load, and the feed and
 * the PDF would show other numbers than the calendar (issue 55).
 */
export function totalsText(w: Pick<Workout, 'sport' | 'steps'> & SavedTotals): string {
  const { lapSteps } = workoutTotals(w, {});
  const parts = [`Total ${formatDuration(w.durationSec)}`];
  if (w.distanceM) parts.push(formatDistance(w.distanceM));
  parts.push(`load ${Math.round(w.targetLoad)}`);
  return `${parts.join(' · ')}${lapSteps > 0 ? ` (${lapSteps} lap step${lapSteps > 1 ? 's' : ''} counted 5 min)` : ''}`;
}

/**
 * The steps in the compact text form the editor writes (serializeWorkoutText), then the totals line;
 * empty for a workout without steps. The calendar feed's description and the PDF print this.
 */
export function workoutText(w: Pick<Workout, 'sport' | 'steps'> & SavedTotals): string[] {
  if (w.steps.length === 0) return [];
  return [...serializeWorkoutText(w).split('\n'), totalsText(w)];
}
